import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const KEY = 'ab'.repeat(32);

describe('loadConfig', () => {
  it('applies defaults and derives the cookie policy from BASE_URL', () => {
    const c = loadConfig({ HEARTH_MASTER_KEY: KEY });
    expect(c.port).toBe(3000);
    expect(c.baseUrl).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(false);
    expect(c.masterKey?.length).toBe(32);
    expect(c.databaseUrl).toBeUndefined();

    const https = loadConfig({ BASE_URL: 'https://hearth.example.org/', PORT: '8080' });
    expect(https.baseUrl).toBe('https://hearth.example.org');
    expect(https.secureCookies).toBe(true);
    expect(https.port).toBe(8080);
  });

  it('normalises the admin list', () => {
    const c = loadConfig({ HEARTH_ADMIN_EMAILS: ' Ann@Example.org , bob@example.org,' });
    expect([...c.adminEmails]).toEqual(['ann@example.org', 'bob@example.org']);
  });

  it('reads the master keys a rotation replaces, and refuses a malformed one', () => {
    expect(loadConfig({}).previousMasterKeys).toEqual([]);
    const keys = loadConfig({
      HEARTH_PREVIOUS_MASTER_KEYS: ` ${'cd'.repeat(32)} ,${'ef'.repeat(32)}`,
    });
    expect(keys.previousMasterKeys.map((k) => k.toString('hex'))).toEqual([
      'cd'.repeat(32),
      'ef'.repeat(32),
    ]);
    expect(() => loadConfig({ HEARTH_PREVIOUS_MASTER_KEYS: `${KEY},abc` })).toThrow(
      /HEARTH_PREVIOUS_MASTER_KEYS/,
    );
  });

  it('refuses a malformed master key, port or database URL with a readable message', () => {
    expect(() => loadConfig({ HEARTH_MASTER_KEY: 'abc' })).toThrow(/64 hex characters/);
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/);
  });

  it('takes the proxies in Fastify’s trustProxy forms, and refuses “trust everyone”', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ HEARTH_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ HEARTH_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ HEARTH_TRUST_PROXY: ' 127.0.0.1, 10.0.0.0/8 ,::1' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(loadConfig({ HEARTH_TRUST_PROXY: 'loopback,fd00::/8' }).trustProxy).toEqual([
      'loopback',
      'fd00::/8',
    ]);
    expect(() => loadConfig({ HEARTH_TRUST_PROXY: 'true' })).toThrow(
      /HEARTH_TRUST_PROXY: true would trust any client/,
    );
    expect(() => loadConfig({ HEARTH_TRUST_PROXY: '10.0.0.0/33,proxy.lan' })).toThrow(
      /not an IP address or CIDR range: "10.0.0.0\/33", "proxy.lan"/,
    );
    expect(() => loadConfig({ HEARTH_TRUST_PROXY: '99' })).toThrow(/at most 10/);
  });
});
