import {
  REPLICATED_DOC_SCHEMAS,
  dailySummarySchema,
  deviceSyncResponseSchema,
  pullResponseSchema,
  type DailySummary,
  type RawSample,
  type ReplicatedCollection,
  type ReplicatedDoc,
  type ReplicationCheckpoint,
} from '@hearth/schema';
import { login, logout, register } from '../../api/auth.js';
import { createDevice } from '../../api/devices.js';
import { ApiError, apiRequest } from '../../api/http.js';
import { BrowserPage, type RealServer } from './realServer.js';

const PASSWORD = 'correct horse battery';
const PULL_PAGE = 1000;
const RATE_LIMIT_ATTEMPTS = 4;
const RATE_LIMIT_WAIT_MAX_MS = 60_000;

/**
 * An account on the real server, created through the client's own API module. `page` is the
 * browser it registered in: the tests' view of the server (summaries, the server's own pull),
 * kept apart from the browsers whose replicas are under test.
 */
export class TestAccount {
  private constructor(
    readonly server: RealServer,
    readonly id: string,
    readonly email: string,
    readonly page: BrowserPage,
  ) {}

  static async register(server: RealServer): Promise<TestAccount> {
    const page = new BrowserPage(server.origin);
    const email = `client-${crypto.randomUUID()}@example.org`;
    const me = await respectingLimit(() =>
      page.run(() => register({ email, password: PASSWORD, timeZone: 'UTC' })),
    );
    return new TestAccount(server, me.id, email, page);
  }

  /** Signs in from a browser (a new one by default): a session of its own. */
  async signIn(page = new BrowserPage(this.server.origin)): Promise<BrowserPage> {
    await respectingLimit(() => page.run(() => login({ email: this.email, password: PASSWORD })));
    return page;
  }

  /** Ends that browser's session on the server (its sockets are closed at once). */
  async signOut(page: BrowserPage): Promise<void> {
    await page.run(() => logout());
  }

  /** A watch registered through the devices API, sending with its own bearer token. */
  async addWatch(): Promise<Watch> {
    const device = await this.page.run(() =>
      createDevice({ name: 'Test watch', kind: 'apple_watch' }),
    );
    return new Watch(this.server.origin, device.id, device.token);
  }

  summary(date: string): Promise<DailySummary> {
    return this.page.run(() =>
      apiRequest(`/users/me/summary?date=${date}`, { schema: dailySummarySchema }),
    );
  }

  private async fetchRespectingLimit(path: string): Promise<Response> {
    for (let attempt = 1; ; attempt += 1) {
      const response = await this.page.fetch(path);
      if (response.status !== 429 || attempt === RATE_LIMIT_ATTEMPTS) return response;
      await waitAsAsked(response);
    }
  }

  /** Every document of a collection as the server's pull pages them, with the checkpoints. */
  async pullAll<C extends ReplicatedCollection>(collection: C): Promise<ReplicatedDoc<C>[]> {
    const parser = pullResponseSchema(REPLICATED_DOC_SCHEMAS[collection]);
    const documents: ReplicatedDoc<C>[] = [];
    let checkpoint: ReplicationCheckpoint | null = null;
    for (;;) {
      const query = new URLSearchParams({ limit: String(PULL_PAGE) });
      if (checkpoint) query.set('position', String(checkpoint.position));
      if (checkpoint) query.set('id', checkpoint.id);
      const response = await this.fetchRespectingLimit(
        `/api/v1/replication/${collection}/pull?${query}`,
      );
      if (!response.ok) throw new Error(`pull answered ${response.status}`);
      const page = parser.parse(await response.json());
      documents.push(...(page.documents as ReplicatedDoc<C>[]));
      checkpoint = page.checkpoint;
      if (page.documents.length < PULL_PAGE) return documents;
    }
  }
}

/**
 * Every browser of a test shares 127.0.0.1, so the server's per-address limit
 * (DEFAULT_RATE_LIMITS in sync-server/src/app.ts, 1,200 requests a minute) can answer 429 to the
 * test's own reads after a busy run of replicas: wait as the server asks, as a real client does.
 */
async function waitAsAsked(response: Response): Promise<void> {
  await waitSeconds(Number(response.headers.get('retry-after') ?? '1'));
}

async function waitSeconds(seconds: number | undefined): Promise<void> {
  const waitMs = Math.min(
    seconds !== undefined && Number.isFinite(seconds) ? seconds * 1000 : 1000,
    RATE_LIMIT_WAIT_MAX_MS,
  );
  await new Promise((resolve) => setTimeout(resolve, Math.max(waitMs, 100)));
}

/**
 * Registration and sign-in have a stricter limit of their own (CREDENTIAL_RATE_LIMIT in
 * sync-server/src/routes/auth/index.ts, 30 a minute per address), which a property test that
 * opens a fresh account and several sessions a run reaches on a fast machine.
 */
async function respectingLimit<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const limited = error instanceof ApiError && error.status === 429;
      if (!limited || attempt === RATE_LIMIT_ATTEMPTS) throw error;
      await waitSeconds(error.retryAfterSeconds);
    }
  }
}

/** A wearable that uploads through the device ingest API. */
export class Watch {
  constructor(
    private readonly origin: string,
    readonly id: string,
    private readonly token: string,
  ) {}

  async send(samples: RawSample[]): Promise<void> {
    const response = await fetch(`${this.origin}/api/v1/devices/${this.id}/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ samples }),
    });
    if (!response.ok) throw new Error(`device sync answered ${response.status}`);
    const result = deviceSyncResponseSchema.parse(await response.json());
    if (result.errors > 0) throw new Error(`device sync refused ${result.errors} samples`);
  }
}
