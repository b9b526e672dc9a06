import { AppError } from '../errors.js';

/** Which kind of job failed: a fold of inbox batches, or a rollup of dirty days. */
export type JobKind = 'fold' | 'rollup';

/**
 * How a failed job is retried: `maxAttempts` tries of the same batch or day, the n-th retry
 * `baseDelayMs × 4^(n−1)` after the failure (2 s, 8 s, 32 s, 128 s by default: set aside about
 * three minutes after the first failure).
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 2000 };

const MAX_DELAY_MS = 15 * 60_000;

/** The wait before the next try of a batch or day that has failed `attempts` times. */
export function retryDelayMs(policy: RetryPolicy, attempts: number): number {
  return Math.min(MAX_DELAY_MS, policy.baseDelayMs * 4 ** Math.max(0, attempts - 1));
}

export interface FailureDescription {
  /**
   * What went wrong, for the dead-letter row, the logs and the operator: an error code and where
   * it was thrown, never the error's message, which can quote the value that failed (PostgreSQL's
   * `invalid input syntax for type timestamp: "…"` does).
   */
  reason: string;
  /**
   * True when the job would likely succeed as it is on a later try (the database went away, a
   * deadlock, a cancelled statement): not counted as an attempt, so an outage never turns
   * anyone's data into dead letters.
   */
  transient: boolean;
}

/**
 * SQLSTATE classes of conditions outside the job's data: connection (08), transaction rollback
 * (40: serialization, deadlock), insufficient resources (53), object not in prerequisite state
 * (55: lock not available), operator intervention (57: shutdown, cancel), system error (58).
 */
const TRANSIENT_SQLSTATE = /^(08|40|53|55|57|58)/;

/** PostgreSQL's names for the data errors a bad sample can cause, to make the reason readable. */
const SQLSTATE_NAMES: Readonly<Record<string, string>> = {
  '22003': 'numeric_value_out_of_range',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '22009': 'invalid_time_zone_displacement_value',
  '22P02': 'invalid_text_representation',
  '22021': 'character_not_in_repertoire',
  '23502': 'not_null_violation',
  '23505': 'unique_violation',
  '23514': 'check_violation',
};

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  severity?: unknown;
  syscall?: unknown;
  message?: unknown;
  stack?: unknown;
}

/** The first stack frame's location (`at fn (file:line:col)` → `fn file:line`), if any. */
function thrownAt(stack: unknown): string | null {
  if (typeof stack !== 'string') return null;
  const frame = /\n\s+at (?:(\S+) \()?(?:file:\/\/)?([^)\n]+?)(?::\d+)?\)?(?:\n|$)/.exec(stack);
  if (!frame?.[2]) return null;
  const file = frame[2].split('/').slice(-2).join('/');
  return frame[1] ? `${frame[1]} ${file}` : file;
}

/** Classifies a job's error and describes it without any of the data it was working on. */
export function describeFailure(err: unknown): FailureDescription {
  const e: ErrorFields = typeof err === 'object' && err !== null ? err : {};
  const code = typeof e.code === 'string' ? e.code : null;
  if (err instanceof AppError) return { reason: `app ${err.code}`, transient: false };
  // pg's DatabaseError carries the server's SQLSTATE and a severity.
  if (code && typeof e.severity === 'string') {
    const name = SQLSTATE_NAMES[code];
    return {
      reason: `postgres ${code}${name ? ` ${name}` : ''}`,
      transient: TRANSIENT_SQLSTATE.test(code),
    };
  }
  // A socket error (ECONNRESET, ECONNREFUSED…) or the pool losing its connection.
  const message = typeof e.message === 'string' ? e.message : '';
  if (typeof e.syscall === 'string' || /^(Connection terminated|timeout exceeded)/.test(message)) {
    return { reason: `connection ${code ?? 'lost'}`, transient: true };
  }
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const at = thrownAt(e.stack);
  return { reason: `${name}${code ? ` ${code}` : ''}${at ? ` at ${at}` : ''}`, transient: false };
}
