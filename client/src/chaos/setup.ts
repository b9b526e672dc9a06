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
  /** Set-aside rows (inbox batches and queued days), when the schema has dead letters. */
  deadLetters: number | null;
}

/**
 * Work the pipeline still holds: acknowledged batches not folded yet, days not rolled up yet,
 * and dead letters. Read from the database itself, as an operator's query would: the client has
 * no API for the server's queues.
 */
export async function backlog(databaseUrl: string): Promise<Backlog> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE column_name = 'dead_at' AND table_name IN ('ingest_inbox', 'rollup_queue')`,
    );
    const dead = columns.rows.length === 2;
    const live = dead ? 'WHERE dead_at IS NULL' : '';
    const counts = await client.query<{ inbox: number; queue: number; dead: number | null }>(
      `SELECT (SELECT count(*)::int FROM ingest_inbox ${live}) AS inbox,
              (SELECT count(*)::int FROM rollup_queue ${live}) AS queue,
              ${
                dead
                  ? `(SELECT count(*)::int FROM ingest_inbox WHERE dead_at IS NOT NULL) +
                     (SELECT count(*)::int FROM rollup_queue WHERE dead_at IS NOT NULL)`
                  : 'NULL'
              } AS dead`,
    );
    const row = counts.rows[0]!;
    return { inbox: row.inbox, queue: row.queue, deadLetters: row.dead };
  } finally {
    await client.end();
  }
}
