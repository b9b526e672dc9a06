import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildTestApp, type TestDatabase } from './test-support/test-db.js';
import { useTestDatabase } from './test-support/fixture.js';
import { createDevice, registerUser, syncSamples } from './test-support/http.js';

let db: TestDatabase;

useTestDatabase((fixture) => ({ db } = fixture));

describe('app plugins', () => {
  it('never logs credentials, cookies, bodies or share codes', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildTestApp(db.pool, { logger: { level: 'info', stream } });
    try {
      const user = await registerUser(app, { password: 'a very secret password' });
      const device = await createDevice(app, user);
      const t = '2026-01-10T15:00:00.000Z';
      await syncSamples(app, device, [
        { type: 'WEIGHT', value: 77.125, unit: 'kg', startDate: t, endDate: t },
      ]);
      // Share codes by every path that reaches the route, or none: redacted by the matched
      // route and its decoded parameters, never by a pattern over the raw URL.
      const code = 'abcdefghijklmnop';
      for (const url of [
        `/api/v1/sharing/data/${code}`,
        `/api/v1/sharing/%64ata/${code}`,
        `/api/v1/sharing/data/${code.slice(0, 4)}%${code.charCodeAt(4).toString(16)}${code.slice(5)}`,
        `//api/v1/sharing/data/${code}`,
        `/api/v1/sharing//data/${code}`,
        `/API/V1/SHARING/DATA/${code}`,
        `/api/v1/sharing/data/${code}/csv?x=${code}`,
        `/api/v1/sharing/data/${code}/`,
      ]) {
        await app.inject({ url });
      }
      await app.inject({ url: `/shared/${code}`, headers: { accept: 'text/html' } });
      await app.inject({ method: 'POST', url: `/api/v1/sharing/data/${code}`, payload: {} });
      const log = lines.join('');
      expect(log).toContain(`/api/v1/devices/${device.id}/sync`);
      expect(log).toContain('/api/v1/sharing/data/[redacted]');
      // One line per request, with its status and duration.
      const completed = lines.filter((l) => l.includes('"msg":"request completed"'));
      expect(completed.some((l) => /"statusCode":200.*"responseTime":/.test(l))).toBe(true);
      expect(log).not.toContain('incoming request');
      expect(log).not.toContain('a very secret password');
      expect(log).not.toContain(device.token);
      expect(log).not.toContain(user.cookie.split('=')[1]);
      expect(log).not.toContain('77.125');
      expect(log).not.toContain(code);
      expect(log.toLowerCase()).not.toContain(code);
    } finally {
      await app.close();
    }
  });

  it('sends the security headers everywhere, with inline styles allowed only on the API docs', async () => {
    const app = await buildTestApp(db.pool);
    try {
      const health = await app.inject({ url: '/health' });
      expect(health.headers['content-security-policy']).toContain("script-src 'self'");
      expect(health.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(health.headers['x-content-type-options']).toBe('nosniff');
      const docs = await app.inject({ url: '/docs/' });
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    } finally {
      await app.close();
    }
  });
});
