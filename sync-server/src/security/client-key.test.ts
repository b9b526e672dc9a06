import { describe, expect, it } from 'vitest';
import { missClientKey } from './client-key.js';

describe('missClientKey', () => {
  it('charges IPv4 clients one address at a time', () => {
    expect(missClientKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('charges an IPv6 client for its whole /64, however the address is written', () => {
    const a = missClientKey('2001:db8:1:2:aaaa::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(missClientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(a);
    expect(missClientKey('2001:db8:1:3::1')).not.toBe(a);
    expect(missClientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('counts IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(missClientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('keeps anything else apart under its own key', () => {
    expect(missClientKey('unix-socket')).toBe('other:unix-socket');
  });
});
