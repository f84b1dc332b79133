import net from 'node:net';
import { expect, it } from '@jest/globals';
import { TRIPWIRE_MESSAGE, takeNetworkViolations } from './no-network.js';

it('the network tripwire is armed under Jest too', () => {
  expect(() => net.connect({ host: '198.51.100.7', port: 443 })).toThrow(TRIPWIRE_MESSAGE);
  // Deliberate: forget it so the setup file's afterAll does not fail this file.
  expect(takeNetworkViolations().map((v) => v.api)).toContain('net.Socket.connect');
});
