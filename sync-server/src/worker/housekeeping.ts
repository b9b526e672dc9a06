import type { Queryable } from '../db/pool.js';
import { deleteExpiredSessions } from '../accounts/sessions.repository.js';
import { purgeExpiredIdempotencyKeys } from '../ingest/idempotency.repository.js';

export interface HousekeepingResult {
  sessions: number;
  idempotencyKeys: number;
}

/** Deletes expired sessions and idempotency records (neither is replicated: plain deletes). */
export async function runHousekeeping(db: Queryable): Promise<HousekeepingResult> {
  return {
    sessions: await deleteExpiredSessions(db),
    idempotencyKeys: await purgeExpiredIdempotencyKeys(db),
  };
}
