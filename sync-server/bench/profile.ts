import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../src/test-support/test-db.js';
import { ingestOverHttp, prepareDevices } from './ingest-throughput.js';
import { BenchClient, createBenchUser } from './lib-http.js';
import { startServerProcess } from './lib-server.js';
import { measureRollupVisibility } from './rollup-visibility.js';

/**
 * Profiles the benchmark server (a V8 CPU profile for Chrome DevTools or speedscope):
 *   node --conditions=@hearth/source --import tsx bench/profile.ts ingest       # no worker
 *   node --conditions=@hearth/source --import tsx bench/profile.ts visibility   # worker on
 */
const PLAN = { days: 30, endDate: '2026-03-31', timeZone: 'Europe/Paris' };

async function main(phase: string): Promise<void> {
  const db = await createTestDatabase({ poolMax: 2 });
  const profileDir = mkdtempSync(join(tmpdir(), 'hearth-profile-'));
  const server = await startServerProcess({
    databaseUrl: db.url,
    masterKeyHex: randomBytes(32).toString('hex'),
    logFile: join(profileDir, 'server.log'),
    workers: phase === 'visibility' ? Number(process.env['BENCH_WORKERS'] ?? 1) : 0,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  const client = new BenchClient(server.port, 16);
  try {
    if (phase === 'ingest') {
      for (let round = 0; round < 2; round++) {
        const streams = await prepareDevices(client, `profile-${round}`, 4, PLAN);
        const result = await ingestOverHttp(client, streams, {
          appPid: server.child.pid ?? 0,
          dbPids: async () => [],
        });
        console.log(`round ${round + 1}: ${Math.round(result.samplesPerSecond)} samples/s`);
      }
    } else {
      const background = await prepareDevices(client, 'load', 4, PLAN);
      const probe = await createBenchUser(client, 'probe@bench.example.org', 'UTC', {
        name: 'Phone',
        kind: 'iphone',
      });
      const target = Number(process.argv[3] ?? 8000);
      const args = { client, databaseUrl: db.url, background, probe, probes: 60 };
      const result = await measureRollupVisibility({ ...args, targetSamplesPerSecond: target });
      console.log(JSON.stringify(result));
    }
  } finally {
    client.close();
    await server.stop();
    await db.drop();
  }
  console.log(`CPU profile in ${profileDir}`);
}

void main(process.argv[2] ?? 'ingest');
