import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Me } from '@hearth/schema';

export interface TestUser {
  me: Me;
  /** `hearth_session=...`, ready for a `cookie` header. */
  cookie: string;
  email: string;
  password: string;
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.org`;
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'hearth_session');
  if (!cookie) throw new Error(`No session cookie in response ${res.statusCode}: ${res.body}`);
  return `hearth_session=${cookie.value}`;
}

export async function registerUser(
  app: FastifyInstance,
  options: { email?: string; password?: string; timeZone?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? 'correct horse battery';
  const payload: Record<string, string> = { email, password };
  if (options.timeZone) payload['timeZone'] = options.timeZone;
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode}: ${res.body}`);
  return { me: res.json<Me>(), cookie: sessionCookieOf(res), email, password };
}

export interface TestDevice {
  id: string;
  token: string;
}

export async function createDevice(
  app: FastifyInstance,
  user: TestUser,
  options: { name?: string; kind?: string } = {},
): Promise<TestDevice> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/devices',
    headers: { cookie: user.cookie },
    payload: { name: options.name ?? 'Test watch', kind: options.kind ?? 'apple_watch' },
  });
  if (res.statusCode !== 201) throw new Error(`device failed ${res.statusCode}: ${res.body}`);
  return res.json<TestDevice>();
}

/** Posts samples to a device's ingest route with its bearer token. */
export function syncSamples(
  app: FastifyInstance,
  device: TestDevice,
  samples: unknown[],
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/devices/${device.id}/sync`,
    headers: { authorization: `Bearer ${device.token}`, ...headers },
    payload: { samples },
  });
}
