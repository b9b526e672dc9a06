import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../errors.js';
import staticClientPlugin from './static-client.js';

const root = mkdtempSync(join(tmpdir(), 'hearth-client-'));
let app: FastifyInstance;

async function appServing(dir: string): Promise<FastifyInstance> {
  const instance = Fastify({ logger: false });
  installErrorHandling(instance);
  instance.get('/api/v1/known', async () => ({ ok: true }));
  await instance.register(staticClientPlugin, { root: dir });
  await instance.ready();
  return instance;
}

beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Hearth</title>');
  writeFileSync(join(root, 'viewer.html'), '<!doctype html><title>Shared health data</title>');
  writeFileSync(join(root, 'assets', 'index-B2x9kQ1z.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-B2x9kQ1z.js.gz'), gzipSync('console.log(1)'));
  writeFileSync(join(root, 'sw.js'), 'self.skipWaiting()');
  app = await appServing(root);
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('static PWA', () => {
  it('caches hashed assets for a year and revalidates the shell and the service worker', async () => {
    const asset = await app.inject({ url: '/assets/index-B2x9kQ1z.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/sw.js']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('sends the precompressed variant the browser accepts, and the plain file otherwise', async () => {
    const url = '/assets/index-B2x9kQ1z.js';
    const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toContain('accept-encoding');
    expect(gzip.rawPayload).toEqual(gzipSync('console.log(1)'));
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
  });

  it('answers a share link with the viewer page, not the app', async () => {
    for (const url of ['/shared/abc123', '/shared/abc123?x=1']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>Shared health data</title>');
    }
  });

  it('answers client routes with the app shell', async () => {
    for (const url of ['/trends/STEPS', '/settings', '/sharing']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>Hearth</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('keeps the JSON 404 for server paths, non-HTML requests and other methods', async () => {
    const cases = [
      { url: '/api/v1/nope', headers: html },
      { url: '/health/extra', headers: html },
      { url: '/docs/unknown', headers: html },
      { url: '/metrics/x', headers: html },
      { url: '/assets/missing.js', headers: { accept: '*/*' } },
      { url: '/trends/STEPS', headers: { accept: 'application/json' } },
    ];
    for (const { url, headers } of cases) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not-found');
    }
    const post = await app.inject({ method: 'POST', url: '/trends', headers: html });
    expect(post.statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/known', headers: html })).json()).toEqual({
      ok: true,
    });
  });

  it('serves nothing, and still starts, when the client is not built', async () => {
    const bare = await appServing(join(root, 'not-built'));
    const res = await bare.inject({ url: '/', headers: html });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not-found');
    await bare.close();
  });
});
