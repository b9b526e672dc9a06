import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  sharedDataSchema,
  type CreateShareLinkResponse,
  type HealthAggregate,
  type HealthDataType,
  type ShareAccess,
  type ShareLink,
} from '@hearth/schema';
import { buildTestApp, createTestDatabase, type TestDatabase } from '../../test-support/test-db.js';
import { registerUser, type TestUser } from '../../test-support/http.js';
import { loadDemoData } from '../../test-support/demo.js';
import { storedAggregates } from '../../test-support/rollups.js';
import { RollupWorker } from '../../worker/rollup-worker.js';
import { CSV_COLUMNS } from '../export/csv.js';
import { exportValue } from '../export/fhir-codes.js';

const ZONE = 'America/New_York';
const SHARED_TYPES: HealthDataType[] = ['STEPS', 'HEART_RATE', 'SLEEP_ANALYSIS'];
// 2026-03-08 is the spring-forward day in New York: a 23-hour day inside the shared range.
const RANGE = { start: '2026-03-07', end: '2026-03-08' };

let db: TestDatabase;
let app: FastifyInstance;
let owner: TestUser;
let other: TestUser;
let ownerDays: HealthAggregate[];

beforeAll(async () => {
  db = await createTestDatabase({ poolMax: 4 });
  app = await buildTestApp(db.pool);
  owner = await registerUser(app, { timeZone: ZONE });
  other = await registerUser(app, { timeZone: ZONE });
  const demo = { endDate: '2026-03-10', days: 6, timeZone: ZONE };
  await loadDemoData(app, owner, { seed: 11, ...demo });
  await loadDemoData(app, other, { seed: 12, ...demo });
  await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
  ownerDays = (await storedAggregates(app, owner.me.id)).filter((a) => a.period === 'day');
});
afterAll(async () => {
  await app.close();
  await db.drop();
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

// A small structural check of FHIR R4 (https://hl7.org/fhir/R4/observation.html): the elements
// this export uses, with their types, cardinalities and code systems.
const FHIR_DATETIME =
  /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const OBSERVATION_ELEMENTS = new Set([
  'resourceType',
  'id',
  'meta',
  'text',
  'identifier',
  'basedOn',
  'partOf',
  'status',
  'category',
  'code',
  'subject',
  'focus',
  'encounter',
  'effectiveDateTime',
  'effectivePeriod',
  'issued',
  'performer',
  'valueQuantity',
  'dataAbsentReason',
  'interpretation',
  'note',
  'bodySite',
  'method',
  'specimen',
  'device',
  'referenceRange',
  'hasMember',
  'derivedFrom',
  'component',
]);
const STATUSES = ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function quantityProblems(q: unknown, where: string): string[] {
  if (!isObject(q)) return [`${where}: missing`];
  const problems: string[] = [];
  if (typeof q['value'] !== 'number' || !Number.isFinite(q['value']))
    problems.push(`${where}.value`);
  if (q['system'] !== 'http://unitsofmeasure.org') problems.push(`${where}.system not UCUM`);
  if (typeof q['code'] !== 'string' || q['code'] === '') problems.push(`${where}.code`);
  if (typeof q['unit'] !== 'string') problems.push(`${where}.unit`);
  return problems;
}

function codeProblems(code: unknown, where: string): string[] {
  if (!isObject(code)) return [`${where}: missing`];
  const coding = code['coding'];
  if (coding === undefined)
    return typeof code['text'] === 'string' ? [] : [`${where}: no coding, no text`];
  if (!Array.isArray(coding) || coding.length === 0) return [`${where}.coding empty`];
  return coding.flatMap((c: unknown, i) =>
    isObject(c) && c['system'] === 'http://loinc.org' && /^\d{1,7}-\d$/.test(String(c['code']))
      ? []
      : [`${where}.coding[${i}] not LOINC`],
  );
}

function observationProblems(o: unknown): string[] {
  if (!isObject(o)) return ['not an object'];
  const problems = Object.keys(o)
    .filter((k) => !OBSERVATION_ELEMENTS.has(k))
    .map((k) => `unknown element ${k}`);
  if (o['resourceType'] !== 'Observation') problems.push('resourceType');
  if (!FHIR_ID.test(String(o['id']))) problems.push('id');
  if (!STATUSES.includes(String(o['status']))) problems.push('status');
  if ('subject' in o || 'performer' in o) problems.push('identifies the person');
  const category = o['category'];
  const categoryOk =
    Array.isArray(category) &&
    category.length > 0 &&
    category.every(
      (c: unknown) =>
        isObject(c) &&
        Array.isArray(c['coding']) &&
        c['coding'].some(
          (cd: unknown) =>
            isObject(cd) &&
            cd['system'] === 'http://terminology.hl7.org/CodeSystem/observation-category' &&
            ['vital-signs', 'activity'].includes(String(cd['code'])),
        ),
    );
  if (!categoryOk) problems.push('category');
  problems.push(...codeProblems(o['code'], 'code'));
  const period = o['effectivePeriod'];
  if (
    !isObject(period) ||
    !FHIR_DATETIME.test(String(period['start'])) ||
    !FHIR_DATETIME.test(String(period['end'])) ||
    Date.parse(String(period['start'])) >= Date.parse(String(period['end']))
  ) {
    problems.push('effectivePeriod');
  }
  problems.push(...quantityProblems(o['valueQuantity'], 'valueQuantity'));
  const components = o['component'];
  if (components !== undefined) {
    if (!Array.isArray(components)) problems.push('component');
    else
      components.forEach((c: unknown, i) => {
        problems.push(
          ...quantityProblems(isObject(c) ? c['valueQuantity'] : undefined, `component[${i}]`),
        );
        if (!isObject(c) || !isObject(c['code'])) problems.push(`component[${i}].code`);
      });
  }
  return problems;
}

function bundleProblems(b: unknown): string[] {
  if (!isObject(b)) return ['bundle not an object'];
  const problems: string[] = [];
  if (b['resourceType'] !== 'Bundle') problems.push('bundle resourceType');
  if (b['type'] !== 'collection') problems.push('bundle type');
  if ('total' in b) problems.push('total is only for searchset/history (bdl-1)');
  if (!FHIR_DATETIME.test(String(b['timestamp']))) problems.push('bundle timestamp');
  const entries = b['entry'];
  if (!Array.isArray(entries)) return [...problems, 'bundle entry'];
  entries.forEach((e: unknown, i) => {
    const resource = isObject(e) ? e['resource'] : undefined;
    problems.push(...observationProblems(resource).map((p) => `entry[${i}]: ${p}`));
  });
  return problems;
}

describe('GET /sharing/data/:accessCode/fhir', () => {
  it('has a structural check that catches what it should', () => {
    const good = {
      resourceType: 'Observation',
      id: 'steps-2026-03-08',
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'activity',
            },
          ],
        },
      ],
      code: { coding: [{ system: 'http://loinc.org', code: '41950-7' }] },
      effectivePeriod: { start: '2026-03-08T00:00:00-05:00', end: '2026-03-09T00:00:00-04:00' },
      valueQuantity: {
        value: 1,
        unit: 'steps/day',
        system: 'http://unitsofmeasure.org',
        code: '/d',
      },
    };
    expect(observationProblems(good)).toEqual([]);
    expect(observationProblems({ ...good, subject: { reference: 'Patient/1' } })).toContain(
      'identifies the person',
    );
    expect(
      observationProblems({ ...good, valueQuantity: { ...good.valueQuantity, system: 'x' } }),
    ).toContain('valueQuantity.system not UCUM');
    expect(
      observationProblems({ ...good, code: { coding: [{ system: 'x', code: '1' }] } }),
    ).toEqual(['code.coding[0] not LOINC']);
    expect(
      observationProblems({ ...good, effectivePeriod: { start: '2026-03-08', end: 'later' } }),
    ).toEqual(['effectivePeriod']);
  });

  it('is a valid R4 collection Bundle of the shared days as Observations', async () => {
    const link = await share(owner);
    const res = await open(link.accessCode, '/fhir');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.json"$/);
    const bundle = res.json<{ entry: Array<{ resource: Json }> }>();
    expect(bundleProblems(bundle)).toEqual([]);

    const json = sharedDataSchema.parse((await open(link.accessCode)).json());
    expect(bundle.entry).toHaveLength(json.data.length);
    const steps = json.data.find(
      (d) => d.type === 'STEPS' && d.periodStart.startsWith('2026-03-08'),
    );
    const stepsObs = bundle.entry.find((e) => e.resource['id'] === 'steps-2026-03-08')?.resource;
    expect(stepsObs).toMatchObject({
      code: { coding: [{ system: 'http://loinc.org', code: '41950-7' }] },
      effectivePeriod: { start: '2026-03-08T00:00:00-05:00', end: '2026-03-09T00:00:00-04:00' },
      valueQuantity: { value: exportValue('STEPS', steps?.value ?? NaN), code: '/d' },
    });
    const sleepObs = bundle.entry.find((e) => e.resource['id'] === 'sleep-analysis-2026-03-08');
    expect(sleepObs?.resource['effectivePeriod']).toEqual({
      start: '2026-03-07T18:00:00-05:00',
      end: '2026-03-08T18:00:00-04:00',
    });
    expect(JSON.stringify(bundle)).not.toContain(owner.email);
  });
});

describe('GET /sharing/data/:accessCode/csv', () => {
  it('is an RFC 4180 attachment: header, one row per type and day, values as in the JSON', async () => {
    const link = await share(owner);
    const res = await open(link.accessCode, '/csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="hearth-${RANGE.start}-to-${RANGE.end}.csv"`,
    );
    expect(res.body.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = res.body.slice(0, -2).split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));

    const json = sharedDataSchema.parse((await open(link.accessCode)).json());
    expect(rows).toHaveLength(json.data.length);
    rows.forEach((row, i) => {
      const fields = row.split(',');
      const point = json.data[i];
      expect(fields).toHaveLength(CSV_COLUMNS.length);
      expect(fields[0]).toBe(point?.type);
      expect(fields[2]).toBe(point?.periodStart.slice(0, 10));
      expect(Number(fields[5])).toBe(exportValue(point!.type, point!.value));
      expect(Number(fields[9])).toBe(point?.sampleCount);
    });
  });
});
