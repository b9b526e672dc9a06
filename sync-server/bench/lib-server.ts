import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sleep } from './lib-stats.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `bench-server-main.ts` in its own process (as in production, the load generator never
 * shares the server's event loop). Its logs go straight to a file, so reading them costs nothing.
 */
export async function startServerProcess(options: {
  databaseUrl: string;
  masterKeyHex: string;
  logFile: string;
  /** In-process rollup workers (0: none). */
  workers: number;
  /** Extra node flags for the server, e.g. `--cpu-prof` to profile it. */
  nodeArgs?: string[];
  /** `default`: the server's default rate limits on (they are off otherwise). */
  rateLimits?: 'default' | 'off';
}): Promise<ServerProcess> {
  const fd = openSync(options.logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--conditions=@hearth/source',
      '--import',
      'tsx',
      'bench/bench-server-main.ts',
    ],
    {
      cwd: PACKAGE_DIR,
      stdio: ['ignore', fd, fd],
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: options.databaseUrl,
        HEARTH_MASTER_KEY: options.masterKeyHex,
        LOG_LEVEL: 'info',
        BENCH_WORKERS: String(options.workers),
        BENCH_RATE_LIMITS: options.rateLimits ?? 'off',
      },
    },
  );
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const match = /^listening (\d+)$/m.exec(readFileSync(options.logFile, 'utf8'));
    if (match?.[1]) {
      return {
        port: Number(match[1]),
        child,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`bench server did not start:\n${readFileSync(options.logFile, 'utf8')}`);
    }
    await sleep(100);
  }
}
