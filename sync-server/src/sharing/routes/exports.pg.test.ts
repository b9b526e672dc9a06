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
import { FHIR_PATIENT } from '../export/fhir-bundle.js';
import { fhirSchemaErrors, fhirValidator } from '../../export/fhir-schema.test-helpers.js';

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
  // Compiling HL7's schema takes seconds on a loaded machine: a time limit, not about speed.
  fhirValidator();
}, 120_000);

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

// HL7's R4 schema checks the structure (elements, types, cardinalities, date-times); what it
// cannot know is checked here: LOINC codes, UCUM quantities, periods that run forward, and a
// subject that is the bundle's identity-free Patient.
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
  const problems: string[] = [];
  if (o['resourceType'] !== 'Observation') problems.push('resourceType');
  const subject = o['subject'];
  if (!isObject(subject) || subject['reference'] !== `Patient/${FHIR_PATIENT.id}`)
    problems.push('subject is not the bundle’s Patient');
  if ('performer' in o) problems.push('identifies the person');
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
    !(Date.parse(String(period['start'])) < Date.parse(String(period['end'])))
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
  const problems = fhirSchemaErrors(b);
  if (b['type'] !== 'collection') problems.push('bundle type');
  if ('total' in b) problems.push('total is only for searchset/history (bdl-1)');
  const entries = b['entry'];
  if (!Array.isArray(entries)) return [...problems, 'bundle entry'];
  const [patient, ...observations] = entries as unknown[];
  if (!isObject(patient) || JSON.stringify(patient['resource']) !== JSON.stringify(FHIR_PATIENT))
    problems.push('entry[0] is not the Patient with nothing but its id');
  observations.forEach((e: unknown, j) => {
    const i = j + 1;
    const resource = isObject(e) ? e['resource'] : undefined;
    problems.push(...observationProblems(resource).map((p) => `entry[${i}]: ${p}`));
  });
  return problems;
}

describe('GET /sharing/data/:accessCode/fhir', () => {
  it('has checks that catch what they should', () => {
    const good = {
      resourceType: 'Observation',
      id: 'steps-2026-03-08',
      status: 'final',
      subject: { reference: 'Patient/person' },
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
    expect(fhirSchemaErrors(good)).toEqual([]);
    expect(fhirSchemaErrors({ ...good, effectivePeriod: { start: 'today' } })).not.toEqual([]);
    expect(fhirSchemaErrors({ ...good, valueQuantiy: good.valueQuantity })).not.toEqual([]);
    expect(observationProblems({ ...good, subject: { reference: 'Patient/1' } })).toContain(
      'subject is not the bundle’s Patient',
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
    expect(bundle.entry).toHaveLength(json.data.length + 1);
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
