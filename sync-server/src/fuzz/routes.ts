import type { FastifyInstance } from 'fastify';

/** One route of the app as its router holds it: a method and a path template. */
export interface RouteTemplate {
  method: string;
  /** Literal text and parameter slots, in order: `['/api/v1/devices/', PARAM, '/sync']`. */
  parts: (string | typeof PARAM)[];
  /** The template with every parameter written `{}`, without a trailing slash: a lookup key. */
  shape: string;
}

export const PARAM = Symbol('param');

/** A tree line of `printRoutes({ commonPrefix: false })`: `│   ├── /sync (POST)`. */
const TREE_LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.+) \(([A-Z, ]+)\)$/;
/** A parameter slot as the router prints it: `:id`, `:id|:deviceId` (two names, one node), `*`. */
const PARAM_SLOT = /:[A-Za-z0-9_]+(?:\|:[A-Za-z0-9_]+)*|\*/g;

function partsOf(path: string): (string | typeof PARAM)[] {
  const parts: (string | typeof PARAM)[] = [];
  let last = 0;
  for (const match of path.matchAll(PARAM_SLOT)) {
    if (match.index > last) parts.push(path.slice(last, match.index));
    parts.push(PARAM);
    last = match.index + match[0].length;
  }
  if (last < path.length) parts.push(path.slice(last));
  return parts;
}

export function shapeOf(parts: readonly (string | typeof PARAM)[]): string {
  const text = parts.map((part) => (part === PARAM ? '{}' : part)).join('');
  return text.length > 1 ? text.replace(/\/$/, '') : text;
}

/**
 * Every (method, path) the app routes, read from Fastify's own router, so a route added later is
 * fuzzed without anyone listing it. Fastify has no public route list once the app is built (the
 * `onRoute` hook would have to be added before the routes, inside `buildApp`), but
 * `printRoutes({ commonPrefix: false })` prints the whole router tree: a node's full path is its
 * ancestors' segments followed by its own.
 */
export function routesOf(app: FastifyInstance): RouteTemplate[] {
  const stack: string[] = [];
  const routes: RouteTemplate[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = TREE_LINE.exec(line);
    if (!match) continue;
    const [, indent = '', segment = '', methods = ''] = match;
    const depth = indent.length / 4;
    const path = (stack[depth - 1] ?? '') + segment;
    stack[depth] = path;
    stack.length = depth + 1;
    const parts = partsOf(path);
    for (const method of methods.split(', ')) {
      routes.push({ method, parts, shape: shapeOf(parts) });
    }
  }
  return routes;
}

/** What the OpenAPI document says a route takes: its query parameters and its JSON body schema. */
export interface RouteInputs {
  queryKeys: string[];
  body: JsonSchema | null;
}

export type JsonSchema = { readonly [key: string]: unknown };

interface OpenApiOperation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/**
 * The inputs of every documented route, keyed by `${method} ${shape}`, from the document
 * `@fastify/swagger` generates from the routes' own zod schemas (routes it does not document, such
 * as the WebSocket stream, are still fuzzed, with generic inputs).
 */
export function documentedInputs(app: FastifyInstance): Map<string, RouteInputs> {
  const document = app.swagger() as { paths?: Record<string, Record<string, OpenApiOperation>> };
  const inputs = new Map<string, RouteInputs>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    const shape = shapeOf(partsOf(path.replace(/\{[^}]+\}/g, ':p')));
    for (const [method, operation] of Object.entries(operations)) {
      const queryKeys = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name);
      const body = operation.requestBody?.content?.['application/json']?.schema ?? null;
      inputs.set(`${method.toUpperCase()} ${shape}`, { queryKeys, body });
    }
  }
  return inputs;
}
