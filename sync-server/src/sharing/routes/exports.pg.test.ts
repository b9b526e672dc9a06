import { beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sharedDataSchema, type CreateShareLinkResponse } from '@hearth/schema';
import type { TestDatabase } from '../../test-support/test-db.js';
import { useTestApp } from '../../test-support/fixture.js';
import { registerUser, type TestUser } from '../../test-support/http.js';
import { loadDemoData } from '../../test-support/demo.js';
import { RollupWorker } from '../../worker/rollup-worker.js';
import { CSV_COLUMNS } from '../export/csv.js';
import { exportValue } from '../export/fhir-codes.js';

// The FHIR and CSV downloads of a share, checked against the JSON answer of the same link.
const ZONE = 'America/New_York';
// 2026-03-08 is the spring-forward day in New York: a 23-hour day inside the shared range.
const RANGE = { start: '2026-03-07', end: '2026-03-08' };

let db: TestDatabase;
let app: FastifyInstance;
let owner: TestUser;

useTestApp((fixture) => ({ db, app } = fixture), { database: { poolMax: 4 } });
beforeAll(async () => {
  owner = await registerUser(app, { timeZone: ZONE });
  await loadDemoData(app, owner, { seed: 11, endDate: '2026-03-10', days: 6, timeZone: ZONE });
  await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
});

async function share() {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/sharing/tokens',
    headers: { cookie: owner.cookie },
    payload: {
      dataTypes: ['STEPS', 'HEART_RATE', 'SLEEP_ANALYSIS', 'WEIGHT', 'DISTANCE'],
      dateStart: RANGE.start,
      dateEnd: RANGE.end,
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CreateShareLinkResponse>();
}

function open(code: string, suffix = '') {
  return app.inject({ method: 'GET', url: `/api/v1/sharing/data/${code}${suffix}` });
}

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
    const link = await share();
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
    const link = await share();
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
