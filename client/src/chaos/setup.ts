import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { register, login } from '../api/auth.js';
import { createDevice } from '../api/devices.js';
import { BrowserPage } from '../sync/test-support/realServer.js';

const PASSWORD = `chaos ${randomBytes(12).toString('hex')} passphrase`;

export interface ChaosAccount {
  id: string;
  email: string;
  /** The browser that registered it (straight to a server, not through a proxy): the checks' view. */
  page: BrowserPage;
}

/** An account made through the client's own API module, in the zone its rollups are checked in. */
export async function registerAccount(origin: string, timeZone: string): Promise<ChaosAccount> {
  const page = new BrowserPage(origin);
  const email = `chaos-${randomBytes(6).toString('hex')}@example.org`;
  const me = await page.run(() => register({ email, password: PASSWORD, timeZone }));
  return { id: me.id, email, page };
}

/** A browser of its own, signed in to `account`, talking to `origin` (a proxy). */
export async function signIn(account: ChaosAccount, origin: string): Promise<BrowserPage> {
  const page = new BrowserPage(origin);
  await page.run(() => login({ email: account.email, password: PASSWORD }));
  return page;
}

export async function addDevice(
  account: ChaosAccount,
  name: string,
): Promise<{ id: string; token: string }> {
  const device = await account.page.run(() => createDevice({ name, kind: 'apple_watch' }));
  return { id: device.id, token: device.token };
}

export interface Backlog {
  inbox: number;
  queue: number;
  /** Set-aside rows: inbox batches and queued days. */
  deadLetters: number;
}

/**
 * Work the pipeline still holds: acknowledged batches not folded yet, days not rolled up yet,
 * and dead letters. Read from the database itself, as an operator's query would: the client has
 * no API for the server's queues.
 */
export function backlog(databaseUrl: string): Promise<Backlog> {
  return withClient(databaseUrl, async (client) => {
    const counts = await client.query<Backlog>(
      `SELECT (SELECT count(*)::int FROM ingest_inbox WHERE dead_at IS NULL) AS inbox,
              (SELECT count(*)::int FROM rollup_queue WHERE dead_at IS NULL) AS queue,
              (SELECT count(*)::int FROM ingest_inbox WHERE dead_at IS NOT NULL) +
              (SELECT count(*)::int FROM rollup_queue WHERE dead_at IS NOT NULL) AS "deadLetters"`,
    );
    return counts.rows[0]!;
  });
}

async function withClient<T>(databaseUrl: string, use: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * One batch no worker can ever fold, written into a device's inbox as a damaged disk block would
 * leave it: bytes that do not authenticate under the user's key. It must end as exactly one dead
 * letter, and hold up nobody's other batches meanwhile.
 */
export function injectPoisonBatch(
  databaseUrl: string,
  account: ChaosAccount,
  deviceId: string,
): Promise<void> {
  return withClient(databaseUrl, async (client) => {
    await client.query(
      'INSERT INTO ingest_inbox (user_id, device_id, payload, sample_count) VALUES ($1, $2, $3, 1)',
      [account.id, deviceId, randomBytes(200)],
    );
  });
}

/**
 * Brings failed jobs' next tries forward to now: the test's clock for the worker's backoff (about
 * three minutes from the first failure to a dead letter), so the poison batch uses up its tries
 * while the run settles. Every try still happens and still counts.
 */
export function hurryRetries(databaseUrl: string): Promise<void> {
  return withClient(databaseUrl, async (client) => {
    await client.query(
      `UPDATE ingest_inbox SET retry_at = now() WHERE dead_at IS NULL AND retry_at > now()`,
    );
    await client.query(
      `UPDATE rollup_queue SET retry_at = now() WHERE dead_at IS NULL AND retry_at > now()`,
    );
  });
}
