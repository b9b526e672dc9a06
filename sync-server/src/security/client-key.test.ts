import { describe, expect, it } from 'vitest';
import { clientKey } from './client-key.js';

describe('clientKey', () => {
  it('charges IPv4 clients one address at a time', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('charges an IPv6 client for its whole /64, however the address is written', () => {
    const a = clientKey('2001:db8:1:2:aaaa::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(a);
    expect(clientKey('2001:DB8:1:2::9')).toBe(a);
    expect(clientKey('2001:db8:1:3::1')).not.toBe(a);
    expect(clientKey('::1')).toBe('::/64');
  });

  it('counts IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('keeps anything else apart under its own key', () => {
    expect(clientKey('unix-socket')).toBe('other:unix-socket');
  });
});
