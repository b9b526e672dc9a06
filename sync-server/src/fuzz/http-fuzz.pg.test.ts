import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test-support/fixture.js';
import {
  createDevice,
  registerUser,
  type TestDevice,
  type TestUser,
} from '../test-support/http.js';
import { documentedInputs, routesOf, shapeOf, type RouteTemplate } from './routes.js';
import {
  requestsAnywhere,
  requestsTo,
  type FuzzRequest,
  type KnownValue,
  type Text,
} from './requests.js';

// Every route of the app, found in its own router, gets arbitrary methods, parameters, query
// strings, headers and bodies, signed in (as the owner or as another user) or not: no request may
// ever be answered with a 5xx. A 4xx with a stable code is the only acceptable way to refuse.

/** Requests per route, more where a body goes in; a few hundred in all. */
const RUNS_READING = 5;
const RUNS_WRITING = 16;
const RUNS_NO_ROUTE = 40;
const SEED = 1408;

interface Account {
  user: TestUser;
  device: TestDevice;
}

interface Accounts {
  a: Account;
  b: Account;
  shareId: string;
  shareCode: string;
}

async function createAccounts(app: FastifyInstance): Promise<Accounts> {
  const account = async (): Promise<Account> => {
    const user = await registerUser(app);
    return { user, device: await createDevice(app, user) };
  };
  const [a, b] = [await account(), await account()];
  const share = await app.inject({
    method: 'POST',
    url: '/api/v1/sharing/tokens',
    headers: { cookie: a.user.cookie, origin: 'http://localhost:3000' },
    payload: {
      dataTypes: ['STEPS'],
      dateStart: '2026-01-01',
      dateEnd: '2026-12-31',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  if (share.statusCode !== 201) throw new Error(`share link: ${share.statusCode} ${share.body}`);
  const { id, accessCode } = share.json<{ id: string; accessCode: string }>();
  return { a, b, shareId: id, shareCode: accessCode };
}

function resolve(text: Text, accounts: Accounts): string {
  if (typeof text === 'string') return text;
  const values: Record<KnownValue, string> = {
    deviceA: accounts.a.device.id,
    deviceB: accounts.b.device.id,
    shareIdA: accounts.shareId,
    shareCodeA: accounts.shareCode,
    userIdA: accounts.a.user.me.id,
    sessionA: accounts.a.user.cookie,
    sessionB: accounts.b.user.cookie,
    tokenA: `Bearer ${accounts.a.device.token}`,
    tokenB: `Bearer ${accounts.b.device.token}`,
  };
  return values[text.known];
}

function injectOptions(request: FuzzRequest, accounts: Accounts): InjectOptions {
  const path = request.path.map((part) => resolve(part, accounts)).join('');
  const headers: Record<string, string> = { ...request.headers };
  if (request.cookie) headers['cookie'] = resolve(request.cookie, accounts);
  if (request.authorization) headers['authorization'] = resolve(request.authorization, accounts);
  const options: InjectOptions = {
    method: request.method,
    url: request.query ? `${path}?${request.query}` : path,
    headers,
  };
  const { body } = request;
  if (body.kind === 'json') options.payload = JSON.stringify(body.value) ?? 'null';
  if (body.kind === 'raw') options.payload = body.text;
  if (body.kind === 'bytes') options.payload = Buffer.from(body.bytes);
  return options;
}

const SPENDING_PATHS = /\/(auth\/logout|users\/me|devices|sharing\/tokens|replication\/devices)/;

/** Requests that may have ended the accounts' sessions, devices or share link. */
function mayHaveSpentAccounts(options: InjectOptions, status: number): boolean {
  const safe = options.method === 'GET' || options.method === 'HEAD';
  return status < 300 && !safe && SPENDING_PATHS.test(String(options.url));
}

interface Failure {
  route: string;
  status: number;
  body: string;
  request: FuzzRequest;
}

let app: FastifyInstance;
useTestApp((fixture) => ({ app } = fixture));

describe('HTTP fuzz of every route', () => {
  it('answers arbitrary requests to every route, signed in or not, never with a 5xx', async () => {
    const routes = routesOf(app);
    const inputs = documentedInputs(app);
    // The router is really read: the ingest route and the replication stream are among them.
    expect(routes.map((r) => `${r.method} ${r.shape}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/devices/{}/sync', 'GET /api/v1/replication/stream']),
    );
    let accounts = await createAccounts(app);
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();

    const send = async (label: string, request: FuzzRequest) => {
      const options = injectOptions(request, accounts);
      const response = await app.inject(options);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode >= 500) {
        failures.push({
          route: label,
          status: response.statusCode,
          body: response.body.slice(0, 300),
          request,
        });
      }
      // A signed-in request may have signed out, erased an account, deleted the device or
      // revoked the share link: start again from fresh accounts so later requests still reach
      // the routes behind authentication.
      if (mayHaveSpentAccounts(options, response.statusCode)) accounts = await createAccounts(app);
    };

    const prefixes = [...new Set(routes.map((route) => String(route.parts[0])))];
    const targets: [string, fc.Arbitrary<FuzzRequest>][] = routes.map((route: RouteTemplate) => [
      `${route.method} ${route.shape}`,
      requestsTo(route, inputs.get(`${route.method} ${shapeOf(route.parts)}`)),
    ]);
    targets.push(['(no route)', requestsAnywhere(prefixes)]);
    let index = 0;
    for (const [label, requests] of targets) {
      const reading = /^(GET|HEAD) /.test(label);
      const runs = label === '(no route)' ? RUNS_NO_ROUTE : reading ? RUNS_READING : RUNS_WRITING;
      await fc.assert(
        fc.asyncProperty(requests, async (request) => send(label, request)),
        { seed: SEED + index++, numRuns: runs },
      );
    }

    const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
    const byStatus = [...statuses].sort(([x], [y]) => x - y).map(([s, n]) => `${s}:${n}`);
    console.info(
      `http fuzz: ${total} requests to ${routes.length} routes, statuses ${byStatus.join(' ')}`,
    );
    expect(failures).toEqual([]);
  });
});
