import { describe, expect, it } from '@jest/globals';
import { clientAddress, throttleKey } from './client-address.js';

describe('client addresses', () => {
  it('shows an IPv4 address mapped into IPv6 as plain IPv4', () => {
    expect(clientAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress(undefined)).toBe('unknown');
  });

  it('counts IPv4 addresses one by one and IPv6 addresses by their /64', () => {
    expect(throttleKey('203.0.113.9')).toBe('203.0.113.9');
    expect(throttleKey('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(throttleKey('2001:db8:0:12:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(throttleKey('2001:0db8:0000:0012:0000:0000:0000:0001')).toBe('2001:db8:0:12::/64');
    expect(throttleKey('::1')).toBe('0:0:0:0::/64');
    expect(throttleKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
