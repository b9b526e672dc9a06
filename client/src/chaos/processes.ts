import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** This repository's root: by default the server's sources run from there through tsx. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const POLL_MS = 50;
const RESTART_DELAY_MS = 300;

export type HearthRole = 'server' | 'worker';

const ENTRY: Record<HearthRole, string> = {
  server: 'sync-server/src/server.ts',
  worker: 'sync-server/src/worker-main.ts',
};

export interface ProcessOptions {
  role: HearthRole;
  /** The server's port (ignored by the worker). */
  port: number;
  databaseUrl: string;
  masterKeyHex: string;
  /** Where its output goes (appended across restarts, for a post-mortem). */
  logFile: string;
  /** The checkout whose `sync-server/src` runs. */
  root: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A Hearth server or standalone worker in a child process, run from the sources (no build step,
 * always the code under test), that the fault run kills with SIGKILL and starts again. An exit
 * the run did not cause is counted as a crash (and the process started again, so the run goes on).
 */
export class HearthProcess {
  private child: ChildProcess | null = null;
  private killing = false;
  /** Exits nobody asked for. */
  crashes = 0;
  starts = 0;

  constructor(readonly options: ProcessOptions) {}

  get name(): string {
    return this.options.role === 'server' ? `server:${this.options.port}` : 'worker';
  }

  async start(): Promise<void> {
    const { role, port, databaseUrl, masterKeyHex, logFile } = this.options;
    const fd = openSync(logFile, 'a');
    const startedAt = readFileSync(logFile, 'utf8').length;
    const child = spawn(
      process.execPath,
      ['--conditions=@hearth/source', '--import', 'tsx', ENTRY[role]],
      {
        cwd: this.options.root,
        stdio: ['ignore', fd, fd],
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '/tmp',
          PORT: String(port),
          HOST: '127.0.0.1',
          BASE_URL: `http://127.0.0.1:${port}`,
          DATABASE_URL: databaseUrl,
          HEARTH_MASTER_KEY: masterKeyHex,
          // The worker announces readiness at info; the servers are polled on /health.
          LOG_LEVEL: role === 'worker' ? 'info' : 'warn',
        },
      },
    );
    closeSync(fd);
    this.child = child;
    this.starts += 1;
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => {
      process.off('exit', killOnExit);
      if (this.child !== child) return;
      this.child = null;
      // An exit while starting is a failed start: start() throws, and its caller tries again.
      if (this.killing || this.stopped || this.starting) return;
      this.crashes += 1;
      this.running = this.restartAfterCrash();
    });
    this.starting = true;
    try {
      await this.ready(child, startedAt);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    } finally {
      this.starting = false;
    }
  }

  private starting = false;

  /** Resolves once the process is up (again, after a crash). */
  running: Promise<void> = Promise.resolve();

  private stopped = false;

  /** Starts it again, as a supervisor would, until it stays up (PostgreSQL may still be down). */
  private async restartAfterCrash(): Promise<void> {
    for (;;) {
      try {
        await this.start();
        return;
      } catch {
        if (this.stopped) return;
        await sleep(RESTART_DELAY_MS);
      }
    }
  }

  /** Kills it (if up) and starts it again: what the fault run does to it. */
  async killAndRestart(downMs: number): Promise<void> {
    await this.running;
    await this.kill();
    await sleep(downMs);
    this.running = this.restartAfterCrash();
    await this.running;
  }

  private async ready(child: ChildProcess, logOffset: number): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} exited while starting:\n${this.recentLog(logOffset)}`);
      }
      if (await this.isReady(logOffset)) return;
      await sleep(POLL_MS);
    }
    throw new Error(`${this.name} did not start in time:\n${this.recentLog(logOffset)}`);
  }

  private async isReady(logOffset: number): Promise<boolean> {
    if (this.options.role === 'worker') {
      return this.recentLog(logOffset).includes('rollup worker running');
    }
    const health = await fetch(`http://127.0.0.1:${this.options.port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    return health;
  }

  private recentLog(offset: number): string {
    return readFileSync(this.options.logFile, 'utf8').slice(offset).slice(-4000);
  }

  /** SIGKILL: no shutdown hook runs, open transactions are cut off mid-way. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.killing = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.killing = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.kill();
  }
}
