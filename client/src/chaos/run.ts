import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPLICATED_COLLECTIONS, type ReplicatedCollection, type SeriesDoc } from '@hearth/schema';
import { NodeReplica } from '../sync/test-support/nodeReplica.js';
import {
  checkSamples,
  clientRollupFigures,
  documentDifferences,
  liveDocuments,
  pullAll,
  serverRollupFigures,
} from './checks.js';
import { sharedServerDatabase, startPrivateCluster, type ChaosDatabase } from './cluster.js';
import { SimulatedDevice } from './devices.js';
import { injectFaults, type FaultCounts } from './faults.js';
import { HearthProcess } from './processes.js';
import { CuttingProxy, type CutCounts } from './proxy.js';
import { Random } from './random.js';
import { freePort } from '../sync/test-support/realServer.js';
import {
  addDevice,
  backlog,
  hurryRetries,
  injectPoisonBatch,
  registerAccount,
  signIn,
  type ChaosAccount,
} from './setup.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TIME_ZONE = 'UTC';
const ACCOUNTS = 2;
/** How long the pipeline and the replicas get to settle once the faults are over. */
const SETTLE_MS = 90_000;
const CONVERGE_MS = 30_000;
const POLL_MS = 250;
/** Batches written to be unfoldable on purpose: each must end as one dead letter. */
const POISON_BATCHES = 1;

export interface ChaosOptions {
  seed: number;
  /** Rounds of faults (each: every server and the worker killed, and so on) while devices upload. */
  rounds: number;
  devices: number;
  maxSamplesPerDevice: number;
  batch: readonly [number, number];
  /** Pause between a device's batches. */
  paceMs: readonly [number, number];
  faultGapMs: readonly [number, number];
  /**
   * Whether to restart PostgreSQL: then the run gets a private cluster (where the machine has
   * the server binaries), which no other test shares. Otherwise, and without binaries, it gets a
   * database on the shared server, where it only ends its own processes' connections.
   */
  restartPostgres: boolean;
  /** The shared PostgreSQL server. */
  sharedAdminUrl: string;
  /** The checkout whose server runs (this repository's by default). */
  serverRoot: string;
}

export interface ChaosSummary extends FaultCounts {
  seed: number;
  database: string;
  cuts: CutCounts;
  resends: number;
  /** Batches that revised the sleep stages of samples sent before. */
  corrections: number;
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
  deadLetters: number;
  expectedDeadLetters: number;
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

type Documents = Record<ReplicatedCollection, { id: string }[]>;

async function collections(read: (c: ReplicatedCollection) => Promise<{ id: string }[]>) {
  const entries = await Promise.all(
    REPLICATED_COLLECTIONS.map(async (c) => [c, await read(c)] as const),
  );
  return Object.fromEntries(entries) as Documents;
}

/** What a replica holds, as the app reads it. */
function localDocuments(replica: NodeReplica): Promise<Documents> {
  return collections(async (collection) => {
    const docs = await replica.replica.db[collection].find().exec();
    return docs.map((doc) => doc.toMutableJSON() as { id: string });
  });
}

/** Every difference between the server's documents and a replica's, collection by collection. */
function replicaDifferences(server: Documents, local: Documents): string[] {
  return REPLICATED_COLLECTIONS.flatMap((c) =>
    documentDifferences(server[c], local[c]).map((difference) => `${c} ${difference}`),
  );
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
    (options.restartPostgres ? await startPrivateCluster(await freePort()) : null) ??
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
 * PostgreSQL's connections are ended (or PostgreSQL restarted), connections are cut and batches
 * re-sent, with one poison batch in an inbox; then, everything up again and drained, what the
 * server holds is checked against what the devices were told, and every replica against the
 * server.
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
    const accountOf = (device: SimulatedDevice) => accounts[devices.indexOf(device) % ACCOUNTS]!;
    // Two browsers of the first account, one behind each server. No more: RxDB's open core
    // refuses a 16th open collection in one process (COL23), and a replica holds five.
    for (const [i, proxy] of proxies.entries()) {
      const page = await signIn(accounts[0]!, proxy.origin);
      replicas.push({
        account: accounts[0]!,
        replica: await NodeReplica.open(page, accounts[0]!.id, `replica-${i}`),
      });
    }
    // In the second account's inbox, ahead of its devices' batches.
    const poisoned = devices[1 % devices.length]!;
    await injectPoisonBatch(database.url, accountOf(poisoned), poisoned.spec.id);

    let faultsEnd = Infinity;
    const uploads = devices.map((device) =>
      device.run({
        keepGoing: () => faultsEnd === Infinity,
        giveUpAt: () => faultsEnd + SETTLE_MS,
        paceMs: options.paceMs,
        batch: options.batch,
      }),
    );
    const targets = { servers, worker, proxies, database };
    const counts = await injectFaults(targets, random.fork(), options.rounds, options.faultGapMs);
    faultsEnd = Date.now();
    await Promise.all(uploads);
    await Promise.all([...servers, worker].map((p) => p.running));

    const drained = await pollUntil(async () => {
      await hurryRetries(database.url);
      const left = await backlog(database.url);
      return left.inbox === 0 && left.queue === 0;
    }, SETTLE_MS);
    const left = await backlog(database.url);
    if (!drained)
      problems.push(`not drained: ${left.inbox} inbox batches, ${left.queue} queued days`);
    if (left.deadLetters !== POISON_BATCHES)
      problems.push(`${left.deadLetters} dead letters (expected ${POISON_BATCHES})`);

    let lost = 0;
    let doubled = 0;
    let phantom = 0;
    const serverState = new Map<string, Documents>();
    for (const account of accounts) {
      const series = await pullAll(account.page, 'series');
      const state = await collections(async (c) =>
        liveDocuments<{ id: string; _deleted: boolean }>(
          c === 'series' ? series : await pullAll(account.page, c),
        ),
      );
      serverState.set(account.id, state);
      const check = checkSamples(
        series,
        devices.filter((device) => accountOf(device) === account),
      );
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
      const server = serverState.get(account.id)!;
      const equal = await pollUntil(
        async () => replicaDifferences(server, await localDocuments(replica)).length === 0,
        CONVERGE_MS,
      );
      const local = await localDocuments(replica);
      if (equal) converged += 1;
      else {
        const differences = replicaDifferences(server, local);
        problems.push(
          `replica ${i} did not converge (${differences.length} differences): ` +
            differences.slice(0, 3).join('; '),
        );
      }
      const computed = clientRollupFigures(local.series as SeriesDoc[], TIME_ZONE);
      const rollups = documentDifferences(
        serverRollupFigures(await pullAll(account.page, 'rollups')),
        computed,
      );
      if (rollups.length === 0) rollupsMatched += 1;
      else {
        problems.push(
          `replica ${i}: rollups computed from its series differ from the server's: ` +
            rollups.slice(0, 3).join('; '),
        );
      }
    }

    const refusals = devices.flatMap((device) => device.refusals);
    if (refusals.length) problems.push(`refused: ${refusals.slice(0, 3).join('; ')}`);
    const crashes = [...servers, worker].reduce((sum, p) => sum + p.crashes, 0);
    if (crashes) problems.push(`${crashes} unexpected process exits (see the logs)`);
    const cuts: CutCounts = { all: 0, midRequest: 0, midResponse: 0 };
    for (const proxy of proxies) {
      cuts.all += proxy.cuts.all;
      cuts.midRequest += proxy.cuts.midRequest;
      cuts.midResponse += proxy.cuts.midResponse;
    }
    const summary: ChaosSummary = {
      seed: options.seed,
      database: database.description,
      ...counts,
      cuts,
      resends: devices.reduce((sum, d) => sum + d.resends, 0),
      corrections: devices.reduce((sum, d) => sum + d.corrections, 0),
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
      expectedDeadLetters: POISON_BATCHES,
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
