import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  sharedDataSchema,
  type CreateShareLinkResponse,
  type HealthAggregate,
  type HealthDataType,
  type ShareAccess,
  type ShareLink,
} from '@hearth/schema';
import type { TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { registerUser, type TestUser } from '../../test-support/http.js';
import { loadDemoData } from '../../test-support/demo.js';
import { storedAggregates } from '../../test-support/rollups.js';
import { RollupWorker } from '../../worker/rollup-worker.js';

const ZONE = 'America/New_York';
const SHARED_TYPES: HealthDataType[] = ['STEPS', 'HEART_RATE', 'SLEEP_ANALYSIS'];
// 2026-03-08 is the spring-forward day in New York: a 23-hour day inside the shared range.
const RANGE = { start: '2026-03-07', end: '2026-03-08' };

let db: TestDatabase;
let app: FastifyInstance;
let owner: TestUser;
let other: TestUser;
let ownerDays: HealthAggregate[];

useTestApp((fixture) => ({ db, app } = fixture), { database: { poolMax: 4 } });
beforeAll(async () => {
  owner = await registerUser(app, { timeZone: ZONE });
  other = await registerUser(app, { timeZone: ZONE });
  const demo = { endDate: '2026-03-10', days: 6, timeZone: ZONE };
  await loadDemoData(app, owner, { seed: 11, ...demo });
  await loadDemoData(app, other, { seed: 12, ...demo });
  await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
  ownerDays = (await storedAggregates(app, owner.me.id)).filter((a) => a.period === 'day');
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
let nextIp = 1;
/** Each test gets its own client address, so miss budgets never leak between tests. */
const freshIp = () => `192.0.2.${nextIp++}`;

async function share(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/sharing/tokens',
    headers: { cookie: user.cookie },
    payload: {
      dataTypes: SHARED_TYPES,
      dateStart: RANGE.start,
      dateEnd: RANGE.end,
      expiresAt: inDays(7),
      ...body,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CreateShareLinkResponse>();
}

function open(code: string, suffix = '', ip = freshIp(), userAgent = 'ClinicBrowser/1.0') {
  return app.inject({
    method: 'GET',
    url: `/api/v1/sharing/data/${code}${suffix}`,
    remoteAddress: ip,
    headers: { 'user-agent': userAgent },
  });
}

const dateOf = (periodStart: string) => periodStart.slice(0, 10);
const inRange = (a: { periodStart: string }) =>
  dateOf(a.periodStart) >= RANGE.start && dateOf(a.periodStart) <= RANGE.end;

describe('GET /sharing/data/:accessCode (scope)', () => {
  it('returns exactly the shared types and local dates, equal to the stored day rollups', async () => {
    // The owner has other types, and the shared types on other dates: none of it may leak.
    expect(ownerDays.some((a) => !SHARED_TYPES.includes(a.type) && inRange(a))).toBe(true);
    expect(ownerDays.some((a) => SHARED_TYPES.includes(a.type) && !inRange(a))).toBe(true);

    const res = await open((await share(owner)).accessCode);
    expect(res.statusCode).toBe(200);
    const body = sharedDataSchema.parse(res.json());
    expect(body.dataTypes).toEqual(SHARED_TYPES);
    expect(body.dateRange).toEqual(RANGE);

    const expected = SHARED_TYPES.flatMap((t) =>
      ownerDays.filter((a) => a.type === t && inRange(a)),
    ).map(({ period: _period, ...point }) => point);
    expect(expected.length).toBeGreaterThanOrEqual(SHARED_TYPES.length * 2);
    expect(body.data).toEqual(expected);
    // Offsets on both sides of the DST change.
    expect(body.data.map((d) => d.periodStart)).toContain('2026-03-07T00:00:00-05:00');
    expect(body.data.map((d) => d.periodStart)).toContain('2026-03-08T00:00:00-05:00');
  });

  it('never returns another user’s data through a link', async () => {
    const mine = (await open((await share(owner)).accessCode)).json<{ data: unknown[] }>();
    const theirs = (await open((await share(other)).accessCode)).json<{ data: unknown[] }>();
    expect(theirs.data.length).toBeGreaterThan(0);
    expect(theirs.data).not.toEqual(mine.data);
    const otherDays = (await storedAggregates(app, other.me.id)).filter((a) => a.period === 'day');
    for (const point of theirs.data as Array<{
      type: HealthDataType;
      periodStart: string;
      value: number;
    }>) {
      const source = otherDays.find(
        (a) => a.type === point.type && a.periodStart === point.periodStart,
      );
      expect(source?.value).toBe(point.value);
    }
  });

  it('answers a range with no data with an empty list', async () => {
    const link = await share(owner, { dateStart: '2025-01-01', dateEnd: '2025-01-31' });
    const body = (await open(link.accessCode)).json();
    expect(body).toEqual({
      dataTypes: SHARED_TYPES,
      dateRange: { start: '2025-01-01', end: '2025-01-31' },
      data: [],
    });
  });
});

describe('dead links', () => {
  async function expired() {
    const link = await share(owner);
    await db.pool.query(
      "UPDATE share_links SET expires_at = now() - interval '1 second' WHERE id = $1",
      [link.id],
    );
    return link.accessCode;
  }
  async function revoked() {
    const link = await share(owner);
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sharing/tokens/${link.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(res.statusCode).toBe(204);
    return link.accessCode;
  }

  it('answers unknown, expired and revoked codes with the same 404, on every format', async () => {
    const codes = {
      unknown: 'x'.repeat(43),
      expired: await expired(),
      revoked: await revoked(),
    };
    const bodies = new Set<string>();
    for (const [kind, code] of Object.entries(codes)) {
      for (const suffix of ['', '/fhir', '/csv']) {
        const res = await open(code, suffix);
        expect(res.statusCode, `${kind}${suffix}`).toBe(404);
        expect(res.headers['cache-control']).toBe('no-store');
        bodies.add(res.body);
      }
    }
    expect([...bodies]).toEqual([
      JSON.stringify({
        error: {
          code: 'share-link-not-found',
          message: 'This share link does not exist, has expired or was revoked',
        },
      }),
    ]);
  });

  it('stops a link the moment it is revoked, and logs no access for refused requests', async () => {
    const link = await share(owner);
    expect((await open(link.accessCode)).statusCode).toBe(200);
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/sharing/tokens/${link.id}`,
      headers: { cookie: owner.cookie },
    });
    expect((await open(link.accessCode)).statusCode).toBe(404);
    expect((await accessesOf(link.id)).length).toBe(1);
  });
});

async function accessesOf(id: string): Promise<ShareAccess[]> {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/sharing/tokens/${id}/accesses`,
    headers: { cookie: owner.cookie },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ accesses: ShareAccess[] }>().accesses;
}

describe('access log', () => {
  it('logs every access with time, IP, user agent and format, and counts them', async () => {
    const link = await share(owner);
    const before = Date.now();
    expect((await open(link.accessCode, '', '198.51.100.20', 'Viewer/1')).statusCode).toBe(200);
    expect((await open(link.accessCode, '/fhir', '198.51.100.21', 'EHR/2')).statusCode).toBe(200);
    expect((await open(link.accessCode, '/csv', '198.51.100.22', 'Sheet/3')).statusCode).toBe(200);

    const accesses = await accessesOf(link.id);
    expect(accesses.map(({ ip, userAgent, format }) => ({ ip, userAgent, format }))).toEqual([
      { ip: '198.51.100.22', userAgent: 'Sheet/3', format: 'csv' },
      { ip: '198.51.100.21', userAgent: 'EHR/2', format: 'fhir' },
      { ip: '198.51.100.20', userAgent: 'Viewer/1', format: 'json' },
    ]);
    for (const a of accesses)
      expect(Date.parse(a.accessedAt)).toBeGreaterThanOrEqual(before - 1000);

    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/sharing/tokens',
      headers: { cookie: owner.cookie },
    });
    const row = listed.json<{ tokens: ShareLink[] }>().tokens.find((t) => t.id === link.id);
    expect(row?.accessCount).toBe(3);
    expect(row?.lastAccessedAt).toBe(accesses[0]?.accessedAt);
  });
});

describe('guessing is rate limited', () => {
  it('gives 429 to a client that missed 30 codes within the minute, even for a valid code', async () => {
    const link = await share(owner);
    const ip = freshIp();
    for (let i = 0; i < 30; i++) {
      const res = await open(`guess-${i}-${'a'.repeat(30)}`, '', ip);
      expect(res.statusCode, `miss ${i}`).toBe(404);
    }
    const blocked = await open(link.accessCode, '', ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate-limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Others are not affected.
    expect((await open(link.accessCode, '', freshIp())).statusCode).toBe(200);
  });

  it('counts misses only: hits from the same client never use up its budget', async () => {
    const link = await share(owner);
    const ip = freshIp();
    for (let i = 0; i < 35; i++) expect((await open(link.accessCode, '', ip)).statusCode).toBe(200);
    for (let i = 0; i < 29; i++) expect((await open(`nope-${i}`, '', ip)).statusCode).toBe(404);
    expect((await open(link.accessCode, '/csv', ip)).statusCode).toBe(200);
  });
  it('lets no more than 30 guesses of a concurrent burst of 100 through', async () => {
    const ip = freshIp();
    const burst = await Promise.all(
      Array.from({ length: 100 }, (_, i) => open(`burst-${i}-${'b'.repeat(30)}`, '', ip)),
    );
    const statuses = burst.map((res) => res.statusCode);
    expect(statuses.filter((s) => s === 404)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(70);
  });

  it('charges every address of an IPv6 /64 to one budget', async () => {
    const link = await share(owner);
    for (let i = 0; i < 30; i++) {
      const res = await open(
        `v6-${i}-${'c'.repeat(30)}`,
        '',
        `2001:db8:77:1::${(i + 1).toString(16)}`,
      );
      expect(res.statusCode, `miss ${i}`).toBe(404);
    }
    expect((await open(link.accessCode, '', '2001:db8:77:1:ffff::9')).statusCode).toBe(429);
    expect((await open(link.accessCode, '', '2001:db8:77:2::1')).statusCode).toBe(200);
  });
});

describe('headers', () => {
  it('sends security headers and no-store on the public routes', async () => {
    const link = await share(owner);
    for (const suffix of ['', '/fhir', '/csv']) {
      const res = await open(link.accessCode, suffix);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    }
  });
});
