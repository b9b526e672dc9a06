import {
  createDeviceResponseSchema,
  deviceSyncResponseSchema,
  devicesResponseSchema,
  errorResponseSchema,
  meSchema,
  type CreateDevice,
  type Device,
  type DeviceSyncResponse,
  type Me,
} from '@hearth/schema';
import type { z } from 'zod';
import { CliError } from './errors.js';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs, type RetryPolicy } from './retry.js';

export interface ApiDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  policy: RetryPolicy;
  /** A request that has not answered in this long is abandoned and retried. */
  timeoutMs: number;
  /** Told about each retry, so the person sees why the import paused. */
  onRetry?: (what: string, why: string, waitMs: number) => void;
}

interface Answer {
  status: number;
  json: unknown;
  setCookies: string[];
}

const SESSION_COOKIE = 'hearth_session';

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}

/**
 * The few routes of the Hearth API an import needs, as the account's owner (session cookie).
 * Network errors, 5xx and 429 are retried with backoff, honouring `Retry-After`; every other
 * answer is final. Retrying a sync is safe because each batch carries an idempotency key.
 */
export class HearthApi {
  readonly #base: string;
  readonly #deps: ApiDeps;
  #cookie: string | null = null;

  constructor(baseUrl: string, deps: ApiDeps) {
    this.#base = baseUrl;
    this.#deps = deps;
  }

  async signIn(email: string, password: string): Promise<Me> {
    const answer = await this.#send(
      'POST',
      '/api/v1/auth/login',
      JSON.stringify({ email, password }),
    );
    if (answer.status === 401 || answer.status === 400) {
      throw new CliError(
        'sign-in-refused',
        `Sign-in refused for ${email}: wrong email or password`,
      );
    }
    const me = this.#parse(answer, 200, meSchema, 'POST /api/v1/auth/login');
    const cookie = answer.setCookies
      .map((c) => c.split(';', 1)[0] ?? '')
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!cookie)
      throw new CliError('server-error', 'The server signed in but sent no session cookie');
    this.#cookie = cookie;
    return me;
  }

  async listDevices(): Promise<Device[]> {
    const answer = await this.#send('GET', '/api/v1/devices');
    return this.#parse(answer, 200, devicesResponseSchema, 'GET /api/v1/devices').devices;
  }

  async createDevice(device: CreateDevice): Promise<Device> {
    const answer = await this.#send('POST', '/api/v1/devices', JSON.stringify(device));
    const { token: _shownOnce, ...created } = this.#parse(
      answer,
      201,
      createDeviceResponseSchema,
      'POST /api/v1/devices',
    );
    return created;
  }

  /** Sends one batch (`body` is `{"samples":[…]}`) to a device with the owner's session. */
  async sync(
    deviceId: string,
    body: string | Uint8Array,
    idempotencyKey: string,
  ): Promise<DeviceSyncResponse> {
    const path = `/api/v1/devices/${encodeURIComponent(deviceId)}/sync`;
    const answer = await this.#send('POST', path, body, { 'x-idempotency-key': idempotencyKey });
    return this.#parse(answer, 200, deviceSyncResponseSchema, `POST ${path}`);
  }

  #parse<S extends z.ZodType>(answer: Answer, status: number, schema: S, what: string): z.infer<S> {
    if (answer.status !== status) {
      const error = errorResponseSchema.safeParse(answer.json);
      const message = error.success ? `${error.data.error.code}: ${error.data.error.message}` : '';
      throw new CliError('server-error', `${what} answered ${answer.status} ${message}`.trim());
    }
    const parsed = schema.safeParse(answer.json);
    if (!parsed.success) {
      throw new CliError('server-error', `${what} did not answer as a Hearth server does`);
    }
    return parsed.data;
  }

  async #send(
    method: 'GET' | 'POST',
    path: string,
    body?: string | Uint8Array,
    extraHeaders: Record<string, string> = {},
  ): Promise<Answer> {
    const { policy } = this.#deps;
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#cookie) headers['cookie'] = this.#cookie;
    for (let attempt = 1; ; attempt++) {
      let why: string;
      let retryAfter: number | null = null;
      try {
        const res = await this.#deps.fetch(`${this.#base}${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body } : {}),
          signal: AbortSignal.timeout(this.#deps.timeoutMs),
        });
        const text = await res.text();
        if (!isRetryableStatus(res.status)) {
          return {
            status: res.status,
            json: parseJson(text),
            setCookies: res.headers.getSetCookie(),
          };
        }
        why = `HTTP ${res.status}`;
        retryAfter = parseRetryAfterMs(res.headers.get('retry-after'), this.#deps.now());
        if (attempt >= policy.attempts) {
          throw new CliError(
            'server-error',
            `${method} ${path} still answered ${res.status} after ${attempt} tries`,
          );
        }
      } catch (err) {
        if (err instanceof CliError) throw err;
        why = describe(err);
        if (attempt >= policy.attempts) {
          throw new CliError(
            'server-unreachable',
            `Cannot reach the server at ${this.#base} (${attempt} tries): ${why}`,
            { cause: err },
          );
        }
      }
      const wait = retryDelayMs(policy, attempt, retryAfter, this.#deps.random);
      this.#deps.onRetry?.(`${method} ${path}`, why, wait);
      await this.#deps.sleep(wait);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
