import { afterAll } from '@jest/globals';
import { assertNoNetworkViolations } from './no-network.js';

afterAll(assertNoNetworkViolations);
