import { replicatedDocJsonSchema, type ReplicatedCollection } from '@hearth/schema';
import type { RxJsonSchema } from 'rxdb';

/** What RxDB needs to index a field: a string's length, a number's range and step. */
export type IndexBounds =
  { maxLength: number } | { minimum: number; maximum: number; multipleOf: number };

/** The RxDB-only part of a collection's schema; the document's shape comes from @hearth/schema. */
export interface RxKeys<Row> {
  version: number;
  description: string;
  primaryKey: keyof Row & string;
  indexes?: (string | string[])[];
  /** The primary key and every indexed field, with the bounds RxDB's index strings are cut to. */
  bounds: Partial<Record<keyof Row & string, IndexBounds>>;
}

type JsonObject = Record<string, unknown>;

/**
 * A tuple whose last items are optional (a series point's sleep stage) as one exact tuple per
 * length: RxDB's ajv validator runs in strict mode, which refuses a tuple whose `minItems` is
 * not its length.
 */
function exactTuples(node: JsonObject): JsonObject {
  const items = node.items as unknown[];
  const minItems = (node.minItems as number | undefined) ?? 0;
  if (minItems === items.length) return node;
  const { items: _items, minItems: _min, maxItems: _max, additionalItems: _more, ...rest } = node;
  const lengths = Array.from({ length: items.length - minItems + 1 }, (_, k) => minItems + k);
  return {
    ...rest,
    anyOf: lengths.map((n) => ({
      type: 'array',
      items: items.slice(0, n),
      minItems: n,
      maxItems: n,
    })),
  };
}

/** Several types, not just one and `null`, as `anyOf`: ajv's strict mode refuses union types. */
function withoutUnionType(node: JsonObject): JsonObject {
  const types = node.type;
  if (!Array.isArray(types) || types.filter((t) => t !== 'null').length < 2) return node;
  const { type: _type, ...rest } = node;
  return { ...rest, anyOf: types.map((t: unknown) => ({ type: t })) };
}

/**
 * The document's JSON Schema as RxDB takes it: no `default` (zod fills defaults when it parses;
 * RxDB refuses nested ones), tuples exact, no union types.
 */
function forRxDb(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forRxDb);
  if (typeof node !== 'object' || node === null) return node;
  const object = Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'default')
      .map(([key, value]) => [key, forRxDb(value)]),
  );
  return withoutUnionType(Array.isArray(object.items) ? exactTuples(object) : object);
}

function indexedFields(keys: RxKeys<unknown>): string[] {
  return [keys.primaryKey, ...(keys.indexes ?? []).flat()];
}

/**
 * A collection's RxDB schema: the zod document of @hearth/schema as JSON Schema
 * (`replicatedDocJsonSchema`), without `_deleted` (RxDB keeps its own) and as RxDB takes it,
 * plus RxDB's keys and the index bounds. Throws when an indexed field lacks bounds or is not
 * required, which RxDB's storages need but check only in its dev mode.
 */
export function rxSchemaFor<Row>(
  collection: ReplicatedCollection,
  keys: RxKeys<Row>,
): RxJsonSchema<Row> {
  const doc = forRxDb(replicatedDocJsonSchema(collection)) as JsonObject;
  const docProperties = doc.properties as Record<string, JsonObject>;
  const required = (doc.required as string[]).filter((f) => f !== '_deleted');
  const properties: Record<string, JsonObject> = {};
  for (const [field, schema] of Object.entries(docProperties)) {
    if (field === '_deleted') continue;
    const bounds = keys.bounds[field as keyof Row & string];
    properties[field] = bounds ? { ...schema, ...bounds } : schema;
  }
  for (const field of indexedFields(keys as RxKeys<unknown>)) {
    if (!keys.bounds[field as keyof Row & string] || !required.includes(field)) {
      throw new Error(`${collection}.${field} is indexed: it must be required and have bounds`);
    }
  }
  return {
    title: collection,
    description: keys.description,
    version: keys.version,
    primaryKey: keys.primaryKey,
    type: 'object',
    properties,
    required,
    ...(keys.indexes ? { indexes: keys.indexes } : {}),
    // Built at run time from the zod schema, which the row type is inferred from (types.ts).
  } as unknown as RxJsonSchema<Row>;
}
