import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest } from './http.js';

function answer(status: number, body: string, headers: Record<string, string> = {}): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status, headers })),
  );
}

async function failure(): Promise<ApiError> {
  const error: unknown = await apiRequest('/anything').catch((e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

const limited = JSON.stringify({ error: { code: 'rate-limited', message: 'Too many requests' } });

describe('apiRequest errors', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("carries the API's code and message, and a 429's Retry-After in seconds", async () => {
    answer(429, limited, { 'content-type': 'application/json', 'retry-after': '20' });
    const error = await failure();
    expect([error.status, error.code, error.message]).toEqual([
      429,
      'rate-limited',
      'Too many requests',
    ]);
    expect(error.retryAfterSeconds).toBe(20);
  });

  it('leaves retryAfterSeconds unset without a usable Retry-After (absent, or an HTTP date)', async () => {
    answer(429, limited);
    expect((await failure()).retryAfterSeconds).toBeUndefined();
    answer(503, 'busy', { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' });
    const error = await failure();
    expect([error.code, error.retryAfterSeconds]).toEqual(['http-error', undefined]);
  });
});
