import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import securityHeadersPlugin, { securityHeaders } from './security-headers.js';

const options = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: null } },
  hsts: false,
};

describe('security headers', () => {
  it("are helmet's, computed once", () => {
    const headers = securityHeaders(options);
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ ...options, hsts: true })['strict-transport-security']).toMatch(
      /max-age=/,
    );
  });

  it('are sent with every response, and a route may still override one', async () => {
    const app = Fastify();
    await app.register(securityHeadersPlugin, { helmet: options });
    app.get('/plain', async () => ({ ok: true }));
    app.get('/framed', async (_request, reply) => {
      reply.header('x-frame-options', 'DENY');
      return 'ok';
    });
    const plain = await app.inject({ url: '/plain' });
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await app.inject({ url: '/framed' })).headers['x-frame-options']).toBe('DENY');
    expect((await app.inject({ url: '/missing' })).headers['x-content-type-options']).toBe(
      'nosniff',
    );
    await app.close();
  });
});
