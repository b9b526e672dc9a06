import { readFileSync } from 'node:fs';
import { processCpuMs } from './lib-cpu.js';

/** Peak resident set size of a live process in bytes (`VmHWM`), or 0 once it has exited. */
export function peakRssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface WatchedFigures {
  /** CPU ms used since the watch began, summed over every process seen. */
  cpuMs: number;
  /** The largest peak RSS (`VmHWM`) of any one process seen. */
  peakRssBytes: number;
}

/**
 * CPU time and peak memory of a changing set of processes (a server, or the PostgreSQL backends
 * serving it), read from /proc every `everyMs` while it runs. A process's figures are kept from
 * its last read, so one that exits loses at most its last interval; the kernel keeps the peak
 * RSS, so a late read misses nothing of it.
 */
export class ProcessWatch {
  readonly #pids: () => Promise<readonly number[]> | readonly number[];
  readonly #start = new Map<number, number>();
  readonly #cpu = new Map<number, number>();
  #peak = 0;
  #timer: NodeJS.Timeout | null = null;
  #reading: Promise<void> = Promise.resolve();

  constructor(pids: () => Promise<readonly number[]> | readonly number[], everyMs = 100) {
    this.#pids = pids;
    this.#reading = this.#read();
    this.#timer = setInterval(() => {
      this.#reading = this.#reading.then(() => this.#read());
    }, everyMs);
  }

  async #read(): Promise<void> {
    let pids: readonly number[];
    try {
      pids = await this.#pids();
    } catch {
      return; // the database between two reads (shutting down): the next read catches up
    }
    for (const pid of pids) {
      const cpu = processCpuMs(pid);
      if (cpu === 0) continue;
      // A process first seen now counts from here, as a CpuMeter does.
      if (!this.#start.has(pid)) this.#start.set(pid, cpu);
      this.#cpu.set(pid, cpu);
      this.#peak = Math.max(this.#peak, peakRssBytes(pid));
    }
  }

  /** Reads once more, stops, and returns the figures. */
  async stop(): Promise<WatchedFigures> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#reading;
    await this.#read();
    let cpuMs = 0;
    for (const [pid, cpu] of this.#cpu) cpuMs += cpu - (this.#start.get(pid) ?? cpu);
    return { cpuMs, peakRssBytes: this.#peak };
  }
}
