import { describe, expect, it } from 'vitest';
import { HearthApi, type ApiDeps } from './api-client.js';
import { CliError } from './errors.js';

const policy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
const me = {
  id: 'u1',
  email: 'me@example.com',
  timeZone: 'UTC',
  isAdmin: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const synced = { synced: 2, errors: 0 };

type Reply = Response | Error;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A server that answers each request with the next reply, recording what it was sent. */
function scripted(replies: Reply[]) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const waits: number[] = [];
  const deps: ApiDeps = {
    fetch: async (input, init) => {
      requests.push({ url: String(input), init: init ?? {} });
      const reply = replies.shift();
      if (!reply) throw new Error('no more replies');
      if (reply instanceof Error) throw reply;
      return reply;
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 1,
    now: () => Date.parse('2026-01-01T00:00:00Z'),
    policy,
    timeoutMs: 1000,
  };
  return { api: new HearthApi('http://hearth.test', deps), requests, waits };
}

const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });

async function failure(p: Promise<unknown>): Promise<CliError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof CliError)) throw new Error(`expected a CliError, got ${String(err)}`);
  return err;
}

describe('HearthApi', () => {
  it('signs in and sends the session cookie with what follows', async () => {
    const { api, requests } = scripted([
      json(200, me, { 'set-cookie': 'hearth_session=abc123; Path=/; HttpOnly' }),
      json(200, { devices: [] }),
    ]);
    expect(await api.signIn('me@example.com', 'pw')).toEqual(me);
    expect(await api.listDevices()).toEqual([]);
    expect(requests[0]?.init.body).toBe(
      JSON.stringify({ email: 'me@example.com', password: 'pw' }),
    );
    expect((requests[1]?.init.headers as Record<string, string>)['cookie']).toBe(
      'hearth_session=abc123',
    );
  });

  it('says a wrong password plainly', async () => {
    const { api } = scripted([
      json(401, { error: { code: 'invalid-credentials', message: 'Wrong email or password' } }),
    ]);
    const err = await failure(api.signIn('me@example.com', 'nope'));
    expect(err.code).toBe('sign-in-refused');
    expect(err.message).toMatch(/wrong email or password/);
  });

  it('retries a batch after 503 and 429, waiting what Retry-After says, with the same key', async () => {
    const { api, requests, waits } = scripted([
      json(503, { error: { code: 'unavailable', message: 'busy' } }),
      json(429, { error: { code: 'rate-limited', message: 'slow down' } }, { 'retry-after': '3' }),
      json(200, synced),
    ]);
    expect(await api.sync('dev 1', '{"samples":[]}', 'import-k')).toEqual(synced);
    expect(waits).toEqual([100, 3000]);
    expect(requests.map((r) => r.url)).toEqual(
      Array(3).fill('http://hearth.test/api/v1/devices/dev%201/sync'),
    );
    expect(
      requests.map((r) => (r.init.headers as Record<string, string>)['x-idempotency-key']),
    ).toEqual(Array(3).fill('import-k'));
  });

  it('retries network errors with backoff, then says the server is unreachable', async () => {
    const { api, waits } = scripted([refused, refused, refused]);
    const err = await failure(api.listDevices());
    expect(err.code).toBe('server-unreachable');
    expect(err.message).toMatch(
      /Cannot reach the server at http:\/\/hearth.test \(3 tries\).*ECONNREFUSED/,
    );
    expect(waits).toEqual([100, 200]);
  });

  it('gives up on a server that keeps failing, and never retries a 4xx', async () => {
    const busy = () => json(500, { error: { code: 'internal', message: 'oops' } });
    const { api } = scripted([busy(), busy(), busy()]);
    expect((await failure(api.listDevices())).message).toMatch(/still answered 500 after 3 tries/);

    const notFound = scripted([
      json(404, { error: { code: 'not-found', message: 'No such device' } }),
    ]);
    const err = await failure(notFound.api.sync('x', '{}', 'k'));
    expect(err.code).toBe('server-error');
    expect(err.message).toMatch(/404 not-found: No such device/);
    expect(notFound.requests).toHaveLength(1);
  });

  it('refuses an answer that is not Hearth’s', async () => {
    const { api } = scripted([new Response('<html>', { status: 200 })]);
    expect((await failure(api.listDevices())).message).toMatch(/did not answer as a Hearth server/);
  });
});
