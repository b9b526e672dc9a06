import fc from 'fast-check';
import { HEALTH_DATA_TYPES, METRIC_CONFIG, SLEEP_STAGES } from '@hearth/schema';
import type { JsonSchema } from './routes.js';

/**
 * Values that sit on the edges the layers disagree about: dates PostgreSQL cannot store or that
 * JavaScript writes with six-digit years, numbers past what a double or a numeric column holds,
 * strings that are almost a date, a zone, an id.
 */
const EDGE_DATES = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '-000001-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T00:00:00+25:00',
  '2026-01-01',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2026-13-01',
  '2026-06-01T12:00:00.123456789Z',
  'now',
  '',
];

const EDGE_STRINGS = [
  'UTC',
  'Europe/Berlin',
  'Mars/Olympus',
  'correct horse battery',
  'a'.repeat(300),
  '%',
  '\u0000',
  '💩',
  '__proto__',
  'constructor',
  'null',
  '-1',
  '1e309',
];

const EDGE_NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 63),
  8.64e15,
  8.64e15 + 1,
];

/** An instant anywhere JavaScript can write one (six-digit years included), as an ISO string. */
const anyInstant = fc
  .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
  .map((date) => date.toISOString());

export const edgeDate = fc.oneof(fc.constantFrom(...EDGE_DATES), anyInstant);
/** Calendar dates (`YYYY-MM-DD`), the years PostgreSQL's `date` refuses included. */
export const edgeDay = fc.oneof(
  fc.constantFrom('0000-01-01', '0001-01-01', '9999-12-31', '2026-02-29', '2026-13-01'),
  anyInstant.map((instant) => instant.slice(0, 10)),
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
export const edgeNumber = fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.double(), fc.integer());
export const edgeString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...EDGE_STRINGS),
  edgeDate,
);

/** A device's sample as the ingest route gets it: mostly well-formed, dates and values on edges. */
export const rawSample = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...HEALTH_DATA_TYPES), edgeString),
    value: fc.oneof(edgeNumber, fc.jsonValue()),
    unit: fc.oneof(
      fc.constantFrom(...Object.values(METRIC_CONFIG).map((config) => config.unit)),
      fc.constantFrom('count', 'lb', 'mmol/L', 'km'),
      edgeString,
    ),
    startDate: edgeDate,
    endDate: edgeDate,
    sourceDevice: edgeString,
    sleepStage: fc.oneof(fc.constantFrom(...SLEEP_STAGES), edgeString),
    metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
  },
  { requiredKeys: ['type', 'value', 'unit', 'startDate', 'endDate'] },
);

/** Any JSON, with samples mixed in: schemas that say nothing (`{}`) get this. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  rawSample,
  fc.array(rawSample, { maxLength: 4 }),
);

const MAX_SCHEMA_DEPTH = 8;

function typedValue(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const type: unknown = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  switch (type) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      const model = Object.fromEntries(
        Object.entries(properties).map(([key, inner]) => [key, valueFor(inner, depth + 1)]),
      );
      const extra = fc.dictionary(
        fc.oneof(fc.constantFrom('__proto__', 'id'), fc.string()),
        anyJson,
        {
          maxKeys: 2,
        },
      );
      return fc
        .tuple(fc.record(model, { requiredKeys: [] }), fc.option(extra, { freq: 4 }))
        .map(([known, more]) => ({ ...(more ?? {}), ...known }));
    }
    case 'array':
      return fc.array(valueFor((schema['items'] ?? {}) as JsonSchema, depth + 1), { maxLength: 4 });
    case 'string':
      if (schema['format'] === 'email') return fc.oneof(fc.emailAddress(), edgeString);
      if (schema['format'] === 'date') return fc.oneof(edgeDay, edgeDate);
      return schema['format'] === 'date-time' ? edgeDate : edgeString;
    case 'number':
    case 'integer':
      return edgeNumber;
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return anyJson;
  }
}

/**
 * A value shaped by a JSON schema of the OpenAPI document, so that most requests get past
 * validation and reach the services: enums mostly taken from the schema, dates and numbers on
 * their edges, and now and then a value of the wrong type.
 */
export function valueFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > MAX_SCHEMA_DEPTH) return fc.constant(null);
  // JSON Schema allows `true`/`false` as schemas (`items: false`): they constrain nothing useful.
  if (typeof schema !== 'object' || schema === null) return anyJson;
  const alternatives = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  let shaped: fc.Arbitrary<unknown>;
  if (Array.isArray(schema['enum'])) shaped = fc.constantFrom(...(schema['enum'] as unknown[]));
  else if ('const' in schema) shaped = fc.constant(schema['const']);
  else if (alternatives) shaped = fc.oneof(...alternatives.map((alt) => valueFor(alt, depth + 1)));
  else shaped = typedValue(schema, depth);
  return fc.oneof({ arbitrary: shaped, weight: 19 }, { arbitrary: anyJson, weight: 1 });
}
