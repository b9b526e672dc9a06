import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** Linux USER_HZ: /proc reports CPU time in these ticks (100 on every common kernel). */
const TICKS_PER_SECOND = 100;

/** User + system CPU time of a process in ms, from /proc (0 once it has exited). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU time spent by a set of processes over a measured stretch: wall-clock throughput depends on
 * whoever else uses this shared machine, CPU time per sample much less.
 */
export class CpuMeter {
  readonly #start = new Map<number, number>();

  constructor(pids: readonly number[]) {
    for (const pid of pids) this.#start.set(pid, processCpuMs(pid));
  }

  /** CPU ms used since construction by the given pids (pids seen only now count from 0). */
  usedMs(pids: readonly number[]): number {
    let total = 0;
    for (const pid of new Set([...pids, ...this.#start.keys()])) {
      total += Math.max(0, processCpuMs(pid) - (this.#start.get(pid) ?? 0));
    }
    return total;
  }
}

/** PostgreSQL backend pids serving connections with this application_name. */
export async function backendPids(db: pg.Pool, applicationName: string): Promise<number[]> {
  const res = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [applicationName],
  );
  return res.rows.map((r) => r.pid);
}
