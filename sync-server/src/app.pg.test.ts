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
      await app.inject({ url: '/api/v1/sharing/data/abcdefghijklmnop' });
      const log = lines.join('');
      expect(log).toContain('/api/v1/devices/');
      // One line per request, with its status and duration.
      const completed = lines.filter((l) => l.includes('"msg":"request completed"'));
      expect(completed.some((l) => /"statusCode":200.*"responseTime":/.test(l))).toBe(true);
      expect(log).not.toContain('incoming request');
      expect(log).not.toContain('a very secret password');
      expect(log).not.toContain(device.token);
      expect(log).not.toContain(user.cookie.split('=')[1]);
      expect(log).not.toContain('77.125');
      expect(log).not.toContain('abcdefghijklmnop');
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
