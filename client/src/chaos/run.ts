import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RollupDoc, SeriesDoc } from '@hearth/schema';
import { NodeReplica } from '../sync/test-support/nodeReplica.js';
import {
  checkSamples,
  clientRollups,
  comparableRollups,
  comparableSeries,
  firstDifference,
  pullAll,
  sameRollups,
} from './checks.js';
import { sharedServerDatabase, startPrivateCluster, type ChaosDatabase } from './cluster.js';
import { SimulatedDevice } from './devices.js';
import { injectFaults } from './faults.js';
import { HearthProcess } from './processes.js';
import { CuttingProxy } from './proxy.js';
import { Random } from './random.js';
import { freePort } from '../sync/test-support/realServer.js';
import { addDevice, backlog, registerAccount, signIn, type ChaosAccount } from './setup.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_ZONE = 'UTC';
const ACCOUNTS = 2;
/** How long the pipeline and the replicas get to settle once the faults are over. */
const SETTLE_MS = 90_000;
const CONVERGE_MS = 30_000;
const POLL_MS = 250;

export interface ChaosOptions {
  seed: number;
  /** How long faults are injected while the devices upload. */
  faultMs: number;
  devices: number;
  maxSamplesPerDevice: number;
  batch: readonly [number, number];
  /** Pause between a device's batches. */
  paceMs: readonly [number, number];
  faultGapMs: readonly [number, number];
  /** Where PostgreSQL runs when the machine has no server binaries for a private cluster. */
  sharedAdminUrl: string;
  /** The checkout whose server runs (this repository's by default). */
  serverRoot: string;
}

export interface ChaosSummary {
  seed: number;
  database: string;
  serverKills: number;
  workerKills: number;
  postgresRestarts: number;
  cuts: number;
  resends: number;
  batches: number;
  /** Acknowledged samples. */
  samples: number;
  unacknowledged: number;
  lost: number;
  doubled: number;
  phantom: number;
  replicas: number;
  converged: number;
  rollupsMatched: number;
  crashes: number;
  deadLetters: number | null;
  refusals: number;
}

export interface ChaosResult {
  summary: ChaosSummary;
  /** Each broken promise, in words, with a few examples; empty when the run held. */
  problems: string[];
  /** The processes' logs, kept when there were problems. */
  logDir: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pollUntil(ok: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ok().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await sleep(POLL_MS);
  }
}

const live = <T extends { _deleted: boolean }>(docs: readonly T[]) =>
  docs.filter((d) => !d._deleted);

async function localDocs(
  replica: NodeReplica,
): Promise<{ series: SeriesDoc[]; rollups: RollupDoc[] }> {
  const { db } = replica.replica;
  const [series, rollups] = await Promise.all([db.series.find().exec(), db.rollups.find().exec()]);
  return {
    series: series.map((doc) => doc.toMutableJSON() as SeriesDoc),
    rollups: rollups.map((doc) => doc.toMutableJSON() as RollupDoc),
  };
}

interface Cluster {
  database: ChaosDatabase;
  servers: HearthProcess[];
  worker: HearthProcess;
  proxies: CuttingProxy[];
}

async function startCluster(
  options: ChaosOptions,
  logDir: string,
  random: Random,
): Promise<Cluster> {
  const database =
    (await startPrivateCluster(await freePort())) ??
    (await sharedServerDatabase(options.sharedAdminUrl));
  const masterKeyHex = randomBytes(32).toString('hex');
  const process = async (role: 'server' | 'worker', name: string) =>
    new HearthProcess({
      role,
      port: role === 'server' ? await freePort() : 0,
      databaseUrl: database.url,
      masterKeyHex,
      logFile: join(logDir, `${name}.log`),
      root: options.serverRoot,
    });
  const servers = [await process('server', 'server-a'), await process('server', 'server-b')];
  const worker = await process('worker', 'worker');
  // The first one migrates the fresh database; the others then find it migrated.
  await servers[0]!.start();
  await Promise.all([servers[1]!.start(), worker.start()]);
  const proxies = await Promise.all(
    servers.map((server) => CuttingProxy.start(server.options.port, random.fork())),
  );
  return { database, servers, worker, proxies };
}

/**
 * One fault run: two servers (each behind a cutting proxy) and a standalone worker on one
 * PostgreSQL; devices upload and replicas of the real client follow while processes are killed,
 * PostgreSQL is restarted and connections are cut; then, everything up again and drained, what
 * the server holds is checked against what the devices were told, and every replica against
 * the server.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const random = new Random(options.seed);
  const logDir = mkdtempSync(join(tmpdir(), 'hearth-chaos-logs-'));
  const replicas: { account: ChaosAccount; replica: NodeReplica }[] = [];
  let cluster: Cluster | null = null;
  const problems: string[] = [];
  try {
    cluster = await startCluster(options, logDir, random);
    const { servers, worker, proxies, database } = cluster;
    const direct = `http://127.0.0.1:${servers[0]!.options.port}`;
    const accounts: ChaosAccount[] = [];
    for (let i = 0; i < ACCOUNTS; i++) accounts.push(await registerAccount(direct, TIME_ZONE));

    const now = Math.floor(Date.now() / HOUR) * HOUR;
    const span = Math.ceil((options.maxSamplesPerDevice * 60_000) / DAY) * DAY;
    const devices: SimulatedDevice[] = [];
    for (let i = 0; i < options.devices; i++) {
      const account = accounts[i % ACCOUNTS]!;
      const slot = Math.floor(i / ACCOUNTS);
      const { id, token } = await addDevice(account, `Watch ${i}`);
      const origins = [proxies[i % 2]!.origin, proxies[(i + 1) % 2]!.origin];
      // Back from two hours ago, one window per device of the account: they never overlap.
      const windowStartMs = now - 2 * HOUR - (slot + 1) * span;
      devices.push(
        new SimulatedDevice(
          { id, token, origins, windowStartMs, maxSamples: options.maxSamplesPerDevice },
          random.fork(),
        ),
      );
    }
    // Two browsers of the first account, one behind each server. No more: RxDB's open core
    // refuses a 16th open collection in one process (COL23), and a replica holds five.
    const replicaPlan = proxies.map((proxy) => ({ account: accounts[0]!, proxy }));
    for (const [i, { account, proxy }] of replicaPlan.entries()) {
      const page = await signIn(account, proxy.origin);
      replicas.push({ account, replica: await NodeReplica.open(page, account.id, `replica-${i}`) });
    }

    const faultsEnd = Date.now() + options.faultMs;
    const uploads = devices.map((device) =>
      device.run({
        keepGoing: () => Date.now() < faultsEnd,
        giveUpAt: () => faultsEnd + SETTLE_MS,
        paceMs: options.paceMs,
        batch: options.batch,
      }),
    );
    const targets = { servers, worker, proxies, database };
    const counts = await injectFaults(targets, random.fork(), faultsEnd, options.faultGapMs);
    await Promise.all(uploads);
    await Promise.all([...servers, worker].map((p) => p.running));

    const drained = await pollUntil(async () => {
      const left = await backlog(database.url);
      return left.inbox === 0 && left.queue === 0;
    }, SETTLE_MS);
    const left = await backlog(database.url);
    if (!drained)
      problems.push(`not drained: ${left.inbox} inbox batches, ${left.queue} queued days`);
    if (left.deadLetters) problems.push(`${left.deadLetters} dead letters (expected none)`);

    let lost = 0;
    let doubled = 0;
    let phantom = 0;
    const serverState = new Map<string, { series: SeriesDoc[]; rollups: RollupDoc[] }>();
    for (const account of accounts) {
      const series = await pullAll(account.page, 'series');
      const rollups = await pullAll(account.page, 'rollups');
      serverState.set(account.id, { series, rollups });
      const mine = devices.filter((_, i) => accounts[i % ACCOUNTS] === account);
      const check = checkSamples(series, mine);
      lost += check.lost.length;
      doubled += check.doubled.length;
      phantom += check.phantom.length;
      if (check.lost.length) problems.push(`lost: ${check.lost.slice(0, 3).join('; ')}`);
      if (check.doubled.length) problems.push(`doubled: ${check.doubled.slice(0, 3).join('; ')}`);
      if (check.phantom.length)
        problems.push(`never sent: ${check.phantom.slice(0, 3).join('; ')}`);
    }

    let converged = 0;
    let rollupsMatched = 0;
    for (const [i, { account, replica }] of replicas.entries()) {
      const state = serverState.get(account.id)!;
      const expectedSeries = JSON.stringify(comparableSeries(live(state.series)));
      const expectedRollups = JSON.stringify(comparableRollups(live(state.rollups)));
      const equal = await pollUntil(async () => {
        const local = await localDocs(replica);
        return (
          JSON.stringify(comparableSeries(local.series)) === expectedSeries &&
          JSON.stringify(comparableRollups(local.rollups)) === expectedRollups
        );
      }, CONVERGE_MS);
      const local = await localDocs(replica);
      if (equal) converged += 1;
      else {
        const series = firstDifference(
          comparableSeries(live(state.series)),
          comparableSeries(local.series),
        );
        const rollups = firstDifference(
          comparableRollups(live(state.rollups)),
          comparableRollups(local.rollups),
        );
        problems.push(
          `replica ${i} did not converge: series ${series ?? 'equal'}; rollups ${rollups ?? 'equal'}`,
        );
      }
      if (
        sameRollups(clientRollups(local.series, TIME_ZONE), comparableRollups(live(state.rollups)))
      ) {
        rollupsMatched += 1;
      } else {
        problems.push(`replica ${i}: rollups computed from its series differ from the server's`);
      }
    }

    const refusals = devices.flatMap((device) => device.refusals);
    if (refusals.length) problems.push(`refused: ${refusals.slice(0, 3).join('; ')}`);
    const crashes = [...servers, worker].reduce((sum, p) => sum + p.crashes, 0);
    if (crashes) problems.push(`${crashes} unexpected process exits (see the logs)`);
    const summary: ChaosSummary = {
      seed: options.seed,
      database: database.description,
      ...counts,
      cuts: proxies.reduce((sum, proxy) => sum + proxy.cuts, 0),
      resends: devices.reduce((sum, d) => sum + d.resends, 0),
      batches: devices.reduce((sum, d) => sum + d.batches, 0),
      samples: devices.reduce((sum, d) => sum + d.acknowledged.size, 0),
      unacknowledged: devices.reduce((sum, d) => sum + d.unacknowledged.size, 0),
      lost,
      doubled,
      phantom,
      replicas: replicas.length,
      converged,
      rollupsMatched,
      crashes,
      deadLetters: left.deadLetters,
      refusals: refusals.length,
    };
    return { summary, problems, logDir: problems.length ? logDir : null };
  } finally {
    await Promise.all(replicas.map(({ replica }) => replica.close().catch(() => undefined)));
    if (cluster) {
      await Promise.all([...cluster.servers, cluster.worker].map((p) => p.stop()));
      await Promise.all(cluster.proxies.map((proxy) => proxy.stop()));
      await cluster.database.stop();
    }
    if (problems.length === 0) rmSync(logDir, { recursive: true, force: true });
  }
}
