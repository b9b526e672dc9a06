/**
 * When to try a request again, and how long to wait first. Pure: the clock and the randomness
 * are passed in, so the schedule is tested exactly.
 */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the first retry; it doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking to wait longer than this (Retry-After) is waited for this long at most. */
  maxRetryAfterMs: number;
}

/** At most half a minute of waits (0.25-0.5, 0.5-1, ... 8-16 s) before a request is given up. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 7,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** 429 (slow down) and 5xx (the server or a proxy in front of it is in trouble) are worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * The wait before retry number `retry` (1 for the first retry): exponential, capped, with its
 * upper half jittered so that several clients pushed back at once do not return in step.
 */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/**
 * `Retry-After` as milliseconds to wait: delta-seconds or an HTTP date (RFC 9110 §10.2.3);
 * null when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/** The wait before retry number `retry`: the server's word when it gave one (bounded), else backoff. */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | null,
  random: () => number,
): number {
  if (retryAfterMs !== null) return Math.min(policy.maxRetryAfterMs, retryAfterMs);
  return backoffDelayMs(policy, retry, random);
}
