import fc from 'fast-check';
import { PARAM, type RouteInputs, type RouteTemplate } from './routes.js';
import { edgeDate, edgeString, valueFor } from './values.js';

/** Ids and secrets of the fuzz's own accounts, named, resolved when the request is sent. */
export type KnownValue =
  | 'deviceA'
  | 'deviceB'
  | 'shareIdA'
  | 'shareCodeA'
  | 'userIdA'
  | 'sessionA'
  | 'sessionB'
  | 'tokenA'
  | 'tokenB';

export type Text = string | { known: KnownValue };

export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array };

export interface FuzzRequest {
  method: string;
  /** The path, parameters still named; resolved with the accounts of the moment. */
  path: Text[];
  query: string;
  cookie: Text | null;
  authorization: Text | null;
  headers: Record<string, string>;
  body: FuzzBody;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const known = (name: KnownValue): Text => ({ known: name });

/** What a path parameter becomes: a real id (ours or the other account's), or anything. */
const paramValue: fc.Arbitrary<Text> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<KnownValue>('deviceA', 'deviceB', 'shareIdA', 'shareCodeA')
      .map(known),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '..',
      '%',
      '%zz',
      '%00',
      'a%2Fb',
      '%F0%9F%92%A9',
      '%C0%AE',
      'x'.repeat(300),
      '0',
      '-1',
      'null',
      'a.b',
    ),
  },
  { weight: 1, arbitrary: edgeDate.map(encodeURIComponent) },
);

/** Query strings: the route's documented keys and any other, values on edges, broken encodings. */
function queryFor(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('limit') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('position', 'id', 'limit', 'date', 'types', '__proto__', 'a[b]'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const value = fc.oneof(edgeString, fc.integer({ min: -5, max: 5000 }).map(String));
  const pair = fc
    .tuple(key, value)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  const broken = fc.constantFrom(
    '%',
    'a=%zz',
    '&&=&',
    'limit=1&limit=2',
    'position=1e400',
    '=',
    'a'.repeat(3000),
  );
  return fc
    .array(fc.oneof({ weight: 5, arbitrary: pair }, { weight: 1, arbitrary: broken }), {
      maxLength: 5,
    })
    .map((pairs) => pairs.join('&'));
}

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '*/*',
  '',
);

const headerValue = fc.string({
  maxLength: 40,
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});

const headers = fc
  .record(
    {
      'content-type': contentType,
      origin: fc.constantFrom('http://localhost:3000', 'https://evil.example', 'null'),
      'x-idempotency-key': fc.oneof(headerValue, fc.constant('k'.repeat(300))),
      'x-forwarded-for': fc.constantFrom('1.2.3.4', '::1, 10.0.0.1', 'garbage'),
      accept: fc.constantFrom('application/json', 'text/csv', '*/*', 'text/html'),
      'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
      upgrade: fc.constant('websocket'),
    },
    { requiredKeys: [] },
  )
  .map(
    (record) =>
      Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >,
  );

function bodyFor(inputs: RouteInputs | undefined): fc.Arbitrary<FuzzBody> {
  const shaped = valueFor(inputs?.body ?? {});
  const nested = fc
    .integer({ min: 1, max: 5000 })
    .map((depth) => '['.repeat(depth) + ']'.repeat(depth));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
    { weight: 6, arbitrary: shaped.map((value): FuzzBody => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: fc.jsonValue().map((value): FuzzBody => ({ kind: 'json', value })) },
    {
      weight: 1,
      arbitrary: fc.tuple(shaped, fc.nat()).map(([value, cut]): FuzzBody => {
        const text = JSON.stringify(value) ?? '';
        return { kind: 'raw', text: text.slice(0, cut % (text.length + 1)) };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.string(), nested).map((text): FuzzBody => ({ kind: 'raw', text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 64 })
        .map((bytes): FuzzBody => ({ kind: 'bytes', bytes })),
    },
  );
}

/** The credentials a request carries: ours, the other account's, garbage or none. */
const cookie = fc.constantFrom<Text | null>(
  known('sessionA'),
  known('sessionA'),
  known('sessionB'),
  'hearth_session=garbage',
  null,
);
const authorization = fc.constantFrom<Text | null>(
  known('tokenA'),
  known('tokenB'),
  'Bearer garbage',
  'Basic YTpi',
  'Bearer',
  null,
);

/** The id a coherent request puts in a parameter slot, from the literal text before it. */
function ownIdAfter(literal: string): Text | null {
  if (literal.endsWith('/devices/')) return known('deviceA');
  if (literal.endsWith('/tokens/')) return known('shareIdA');
  if (literal.endsWith('/data/')) return known('shareCodeA');
  return null;
}

function pathOf(route: RouteTemplate, values: readonly Text[], suffix: string): Text[] {
  const path: Text[] = [];
  let next = 0;
  for (const part of route.parts) path.push(part === PARAM ? (values[next++] ?? '') : part);
  if (suffix) path.push(suffix);
  return path;
}

/**
 * Requests a client of the route would send (the owner's credentials and ids, the route's own
 * method, JSON), with inputs arbitrary: independent choices of every field would rarely get past
 * authentication to the code behind it.
 */
function coherentRequestsTo(
  route: RouteTemplate,
  inputs: RouteInputs | undefined,
): fc.Arbitrary<FuzzRequest> {
  const values: fc.Arbitrary<Text>[] = [];
  route.parts.forEach((part, i) => {
    if (part !== PARAM) return;
    const own = ownIdAfter(String(route.parts[i - 1] ?? ''));
    values.push(
      own
        ? fc.oneof({ weight: 4, arbitrary: fc.constant(own) }, { weight: 1, arbitrary: paramValue })
        : paramValue,
    );
  });
  return fc.record({
    method: fc.constant(route.method),
    path: fc.tuple(...values).map((chosen) => pathOf(route, chosen, '')),
    query: queryFor(inputs?.queryKeys ?? []),
    cookie: fc.constant(known('sessionA')),
    authorization: fc.constant(known('tokenA')),
    headers: fc.constant({ 'content-type': 'application/json', origin: 'http://localhost:3000' }),
    body: fc.oneof(
      {
        weight: 4,
        arbitrary: valueFor(inputs?.body ?? {}).map((value): FuzzBody => ({ kind: 'json', value })),
      },
      { weight: 1, arbitrary: bodyFor(inputs) },
    ),
  });
}

/** Requests to one route of the app: its method mostly, parameters and inputs arbitrary. */
export function requestsTo(
  route: RouteTemplate,
  inputs: RouteInputs | undefined,
): fc.Arbitrary<FuzzRequest> {
  const slots = route.parts.filter((part) => part === PARAM).length;
  const anything = fc.record({
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
    ),
    path: fc
      .tuple(
        fc.array(paramValue, { minLength: slots, maxLength: slots }),
        fc.oneof(
          { weight: 8, arbitrary: fc.constant('') },
          { weight: 2, arbitrary: fc.constantFrom('/', '/x', '//', '/..') },
        ),
      )
      .map(([chosen, suffix]) => pathOf(route, chosen, suffix)),
    query: queryFor(inputs?.queryKeys ?? []),
    cookie,
    authorization,
    headers,
    body: bodyFor(inputs),
  });
  return fc.oneof(coherentRequestsTo(route, inputs), anything);
}

/** Requests to paths no route has: prefixes of real ones, with anything after. */
export function requestsAnywhere(prefixes: readonly string[]): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    method: fc.constantFrom(...METHODS),
    path: fc
      .tuple(
        fc.constantFrom(...prefixes),
        fc.string({ maxLength: 30 }).map(encodeURIComponent),
        fc.constantFrom('', '%zz', '/%2e%2e/', '?'),
      )
      .map(([prefix, rest, tail]): Text[] => [prefix, rest, tail]),
    query: queryFor([]),
    cookie,
    authorization,
    headers,
    body: bodyFor(undefined),
  });
}
