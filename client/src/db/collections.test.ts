import {
  DEVICE_KINDS,
  DISPLAY_UNITS,
  HEALTH_DATA_TYPES,
  REPLICATED_COLLECTIONS,
  REPLICATED_DOC_SCHEMAS,
  type ReplicatedCollection,
} from '@hearth/schema';
import fc from 'fast-check';
import { addRxPlugin, type RxCollection, type RxJsonSchema } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deviceSchema,
  freshnessSchema,
  insightSchema,
  rollupSchema,
  seriesSchema,
  settingsSchema,
} from './collections.js';
import { createHearthDatabase } from './database.js';
import type { HearthDatabase } from './types.js';

// Dev mode checks every schema as RxDB documents it (types, index bounds, field names).
disableWarnings();
addRxPlugin(RxDBDevModePlugin);

const SCHEMAS: Record<ReplicatedCollection, RxJsonSchema<unknown>> = {
  series: seriesSchema,
  rollups: rollupSchema,
  devices: deviceSchema,
  settings: settingsSchema,
  insights: insightSchema,
  freshness: freshnessSchema,
} as Record<ReplicatedCollection, RxJsonSchema<unknown>>;

const EPOCH_MAX = 7_258_118_400_000;
/** Fixed, so a run is reproducible; `FC_SEED=<n>` explores others. */
const SEED = Number(process.env.FC_SEED ?? 20_261_203);
const type = fc.constantFrom(...HEALTH_DATA_TYPES);
/** Objects as JSON and zod make them, with a prototype. */
const plain = { noNullPrototype: true } as const;
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const text = (maxLength: number) => fc.string({ maxLength });
/**
 * A primary key as RxDB takes it: not empty (that reads as missing), no `"`, no space around it
 * (its dev mode refuses those; the server's ids have neither).
 */
const isRxPrimaryKey = (id: unknown) =>
  typeof id === 'string' && id !== '' && id === id.trim() && !id.includes('"');
const key = (maxLength: number) => fc.string({ minLength: 1, maxLength }).filter(isRxPrimaryKey);
const instant = fc
  .date({ min: new Date(0), max: new Date(EPOCH_MAX), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Documents zod accepts, within the index bounds the RxDB schemas add (collections.ts). */
const validRows: Record<ReplicatedCollection, fc.Arbitrary<Record<string, unknown>>> = {
  series: fc.record(
    {
      id: key(200),
      deviceId: text(100),
      type,
      hourStart: fc.integer({ min: 0, max: EPOCH_MAX }),
      points: fc.array(
        fc.oneof(
          fc.tuple(fc.integer(), fc.integer(), finite),
          fc.tuple(fc.integer(), fc.integer(), finite, fc.integer({ min: 1, max: 5 })),
        ),
        { maxLength: 4 },
      ),
      updatedAt: text(40),
    },
    plain,
  ),
  rollups: fc.record(
    {
      id: key(120),
      type,
      period: fc.constantFrom('hour', 'day', 'week', 'month'),
      periodStart: instant,
      startMs: fc.integer({ min: 0, max: EPOCH_MAX }),
      value: finite,
      minValue: finite,
      maxValue: finite,
      sampleCount: fc.nat(),
      updatedAt: text(40),
    },
    {
      requiredKeys: [
        'id',
        'type',
        'period',
        'periodStart',
        'startMs',
        'value',
        'sampleCount',
        'updatedAt',
      ],
      ...plain,
    },
  ),
  devices: fc.record(
    {
      id: key(100),
      name: fc.string(),
      kind: fc.constantFrom(...DEVICE_KINDS),
      lastSyncAt: fc.option(instant, { nil: null }),
      createdAt: instant,
      updatedAt: text(40),
    },
    plain,
  ),
  settings: fc.record(
    {
      id: fc.constant('settings'),
      timeZone: fc.constantFrom('UTC', 'Europe/Oslo', 'America/New_York', 'Asia/Kolkata'),
      goals: fc.dictionary(type, fc.double({ min: 0.5, max: 1e6, noNaN: true }), plain),
      sourcePriority: fc.array(fc.string(), { maxLength: 4 }),
      preferences: fc.record(
        {
          displayUnits: fc.record(
            Object.fromEntries(
              HEALTH_DATA_TYPES.map((t) => [t, fc.constantFrom(...DISPLAY_UNITS[t])]),
            ),
            { requiredKeys: [], ...plain },
          ),
          hourCycle: fc.constantFrom('h12', 'h23'),
          dashboard: fc.record(
            {
              order: fc.array(type, { maxLength: 10 }),
              hidden: fc.array(type, { maxLength: 10 }),
            },
            plain,
          ),
        },
        { requiredKeys: ['displayUnits', 'dashboard'], ...plain },
      ),
      updatedAt: text(40),
    },
    plain,
  ),
  insights: fc.record(
    {
      id: key(200),
      type: fc.constantFrom('trend', 'goal_streak', 'out_of_range'),
      subject: type,
      date: instant.map((i) => i.slice(0, 10)),
      severity: fc.constantFrom('low', 'medium', 'high'),
      direction: fc.constantFrom('increasing', 'decreasing'),
      message: fc.string(),
      recommendation: fc.string(),
      data: fc.dictionary(
        // zod builds its output by assignment, so it cannot return a `__proto__` key as sent.
        fc.string().filter((k) => k !== '__proto__'),
        fc.oneof(finite, fc.string(), fc.boolean(), fc.constant(null)),
        plain,
      ),
      acknowledged: fc.boolean(),
      createdAt: instant,
      updatedAt: text(40),
    },
    {
      requiredKeys: [
        'id',
        'type',
        'subject',
        'date',
        'severity',
        'message',
        'data',
        'acknowledged',
        'createdAt',
        'updatedAt',
      ],
      ...plain,
    },
  ),
  freshness: fc.record({ id: fc.constant('rollups'), rolledUpTo: fc.nat() }, plain),
};

/** The same JSON value, key order aside. */
function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length &&
    keys.every((k) => Object.hasOwn(y, k) && sameJson(x[k], y[k]))
  );
}

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(child, path)];
  });
}

/** `doc` with the value at one path replaced by any JSON value, or removed. */
function mutated(
  doc: Record<string, unknown>,
  pick: number,
  replacement: unknown,
): Record<string, unknown> {
  const copy = structuredClone(doc);
  const paths = pathsOf(copy);
  const path = paths[pick % paths.length] as Path;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (replacement !== undefined) parent[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/**
 * What the replica's store must take: a document exactly as zod returns it (zod drops unknown
 * fields and fills defaults, a store holds the result), within the index bounds, with a
 * primary key RxDB takes. A document zod
 * refuses only by a refinement (an IANA zone, a unit for the type) may pass: JSON Schema cannot
 * say those (schema/src/doc-json-schema.ts).
 */
function expected(collection: ReplicatedCollection, row: Record<string, unknown>) {
  const doc = { ...row, _deleted: false };
  const parsed = REPLICATED_DOC_SCHEMAS[collection].safeParse(doc);
  if (!parsed.success) {
    const refinementsOnly = parsed.error.issues.every((i) => i.code === 'custom');
    return refinementsOnly ? 'either' : 'refused';
  }
  if (!sameJson(parsed.data, doc) || !isRxPrimaryKey(row.id)) return 'refused';
  const properties = SCHEMAS[collection].properties as Record<string, Record<string, number>>;
  for (const [field, schema] of Object.entries(properties)) {
    const value = row[field];
    if (typeof value === 'string' && value.length > (schema.maxLength ?? Infinity))
      return 'refused';
    if (typeof value === 'number') {
      if (value < (schema.minimum ?? -Infinity) || value > (schema.maximum ?? Infinity)) {
        return 'refused';
      }
    }
  }
  return 'accepted';
}

let db: HearthDatabase;
beforeAll(async () => {
  db = await createHearthDatabase({
    name: 'derived-schemas',
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
});
afterAll(() => db.remove());

async function stored(collection: RxCollection, row: Record<string, unknown>): Promise<boolean> {
  try {
    await collection.upsert(row);
    return true;
  } catch {
    return false;
  }
}

describe('the RxDB schemas derived from @hearth/schema', () => {
  it.each(REPLICATED_COLLECTIONS)('%s: RxDB stores what zod accepts', async (collection) => {
    await fc.assert(
      fc.asyncProperty(validRows[collection], async (row) => {
        expect(expected(collection, row)).toBe('accepted');
        expect(await stored(db.collections[collection] as RxCollection, row)).toBe(true);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  it.each(REPLICATED_COLLECTIONS)(
    '%s: RxDB refuses what zod refuses, a field changed or removed anywhere',
    async (collection) => {
      const replacement = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 }));
      const seen = { accepted: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(validRows[collection], fc.nat(), replacement, async (row, pick, value) => {
          const doc = mutated(row, pick, value);
          const want = expected(collection, doc);
          if (want === 'either') return;
          seen[want]++;
          expect(
            await stored(db.collections[collection] as RxCollection, doc),
            JSON.stringify(doc),
          ).toBe(want === 'accepted');
        }),
        { numRuns: 150, seed: SEED },
      );
      // Both sides were exercised: some changes keep a document valid, most do not.
      expect(seen.refused).toBeGreaterThan(0);
      if (collection !== 'freshness') expect(seen.accepted).toBeGreaterThan(0);
    },
  );

  it('refuses a field zod does not know (zod would drop it: nothing is stored silently)', async () => {
    const device = {
      id: 'd',
      name: 'Watch',
      kind: 'apple_watch',
      lastSyncAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '',
    };
    expect(await stored(db.devices as RxCollection, device)).toBe(true);
    expect(await stored(db.devices as RxCollection, { ...device, colour: 'red' })).toBe(false);
  });
});
