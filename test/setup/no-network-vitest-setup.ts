import { afterAll } from 'vitest';
import { assertNoNetworkViolations } from './no-network.js';

afterAll(assertNoNetworkViolations);
