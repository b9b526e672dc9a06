import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** The PostgreSQL a fault run owns: its URL, and a restart when it may be restarted. */
export interface ChaosDatabase {
  readonly url: string;
  /** What it is, for the summary: `private cluster (PostgreSQL 17)` or `shared server`. */
  readonly description: string;
  /** `pg_ctl restart -m immediate` (a crash: no checkpoint, recovery on start); null: never. */
  readonly restart: (() => Promise<void>) | null;
  stop(): Promise<void>;
}

/**
 * Ends every connection Hearth's processes hold to `url`'s database (`pg_terminate_backend`, as
 * an administrator or a failover would): their pools and listeners meet the same errors and the
 * same reconnect code as after a PostgreSQL restart, and nothing else on the server is disturbed.
 * Returns how many connections it ended.
 */
export async function terminateHearthBackends(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ ended: number }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS ended
         FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND application_name LIKE 'hearth%'`,
    );
    return result.rows[0]!.ended;
  } finally {
    await client.end();
  }
}

/** The newest installed server binaries (`/usr/lib/postgresql/<version>/bin`), if any. */
function serverBinaries(): { bin: string; version: string } | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((version) => existsSync(join(PG_ROOT, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  const version = versions[0];
  return version ? { bin: join(PG_ROOT, version, 'bin'), version } : null;
}

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` user. */
async function clusterUser(): Promise<{ uid: number; gid: number; prefix: string[] } | null> {
  if (userInfo().uid !== 0) return null;
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'postgres']).then(({ stdout }) => Number(stdout.trim())),
    run('id', ['-g', 'postgres']).then(({ stdout }) => Number(stdout.trim())),
  ]);
  return { uid, gid, prefix: ['runuser', '-u', 'postgres', '--'] };
}

/**
 * A PostgreSQL cluster of its own (initdb in a temporary directory, loopback only, its own port),
 * so that crashing and restarting it disturbs no other test on the shared server. fsync is off:
 * an immediate restart kills the server processes, not the machine, so the OS still holds every
 * write and crash recovery replays the WAL exactly as it would with fsync on.
 */
export async function startPrivateCluster(port: number): Promise<ChaosDatabase | null> {
  const binaries = serverBinaries();
  if (!binaries) return null;
  const owner = await clusterUser().catch(() => null);
  if (userInfo().uid === 0 && !owner) return null;
  const dir = mkdtempSync(join(tmpdir(), 'hearth-chaos-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const as = (tool: string, args: string[]) => {
    const command = [...(owner?.prefix ?? []), join(binaries.bin, tool), ...args];
    return run(command[0]!, command.slice(1), { timeout: 60_000 });
  };
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c max_connections=100',
  ].join(' ');
  const pgCtl = (action: string, extra: string[] = []) =>
    as('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      options,
      '-w',
      ...extra,
      action,
    ]);
  await as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  await pgCtl('start');
  const url = `postgres://postgres@127.0.0.1:${port}/hearth_chaos`;
  const admin = new pg.Client({
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
  });
  await admin.connect();
  await admin.query('CREATE DATABASE hearth_chaos').finally(() => admin.end());
  return {
    url,
    description: `private cluster (PostgreSQL ${binaries.version})`,
    restart: async () => {
      await pgCtl('restart', ['-m', 'immediate']);
    },
    async stop() {
      await pgCtl('stop', ['-m', 'immediate']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Without server binaries to run a cluster of its own: a fresh database on the shared server,
 * which the run never restarts (other tests use that server).
 */
export async function sharedServerDatabase(adminUrl: string): Promise<ChaosDatabase> {
  const name = `hearth_chaos_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    description: 'shared server (no PostgreSQL restarts)',
    restart: null,
    stop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
