import { SeriesGrouper, type SeriesGroup } from '@hearth/core';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.js';
import { claimUser } from '../db/claim-user.js';
import type { Keyring } from '../crypto/keyring.js';
import { DirtyDays } from '../rollups/dirty-days.js';
import { decodeInboxBatch, openInboxBatch } from '../ingest/inbox-codec.js';
import {
  claimInboxBatches,
  deleteInboxBatches,
  usersWithInboxBatches,
  type InboxBatch,
} from '../ingest/inbox.repository.js';
import { readFoldState } from '../ingest/fold-read.repository.js';
import { mergeWithStored } from '../ingest/merge-series.js';
import { writeFold } from '../ingest/fold-write.repository.js';
import { recordFoldFailure } from './dead-letters.repository.js';
import { DEFAULT_RETRY_POLICY, describeFailure, type RetryPolicy } from './job-failure.js';

export interface FoldJobDeps {
  pool: Pool;
  keyring: Keyring;
  /** Most inbox rows (device batches) one transaction folds. */
  maxBatches: number;
  /** Tries of a batch before it is set aside as a dead letter; default DEFAULT_RETRY_POLICY. */
  retry?: RetryPolicy;
  /** Test hook: runs just before the folded rows are deleted and the job commits. */
  beforeCommit?: (client: PoolClient) => Promise<void>;
}

export interface FoldJobResult {
  userId: string;
  batches: number;
  samples: number;
  seriesWritten: number;
  /** Batches dropped unfolded: their device was deleted, or their user erased, since. */
  dropped: number;
  /**
   * Set when the fold failed and was rolled back (nothing above was written): why, and how many
   * of its batches that failure set aside as dead letters.
   */
  failure?: { reason: string; deadLetters: number };
}

const CANDIDATE_USERS = 8;

const samplesIn = (batches: readonly InboxBatch[]) =>
  batches.reduce((n, b) => n + b.sampleCount, 0);

/** Groups the batches' samples into series per device; a later batch's sample wins. */
function groupBatches(
  dataKey: Buffer,
  userId: string,
  batches: readonly InboxBatch[],
): Map<string, SeriesGroup[]> {
  const grouper = new SeriesGrouper();
  for (const batch of batches) {
    const plain = openInboxBatch(dataKey, userId, batch.deviceId, batch.payload);
    decodeInboxBatch(plain, (type, start, end, value, stage) =>
      grouper.add(batch.deviceId, type, start, end, value, stage),
    );
  }
  const byDevice = new Map<string, SeriesGroup[]>();
  for (const group of grouper.groups()) {
    const list = byDevice.get(group.deviceId);
    if (list) list.push(group);
    else byDevice.set(group.deviceId, [group]);
  }
  return byDevice;
}

/** Merges one device's groups into its stored series; false when the device is gone. */
async function foldDevice(
  client: PoolClient,
  dataKey: Buffer,
  userId: string,
  deviceId: string,
  groups: readonly SeriesGroup[],
): Promise<{ live: boolean; seriesWritten: number }> {
  const state = await readFoldState(client, { userId, deviceId, series: groups });
  if (!state?.deviceLive) return { live: false, seriesWritten: 0 };
  const changes = mergeWithStored(dataKey, userId, groups, state.stored);
  const dirty = new DirtyDays(state.timeZone);
  for (const { group } of changes) dirty.addPoints(group.type, group.points);
  const written = await writeFold(client, {
    userId,
    deviceId,
    changeSeq: state.changeSeq,
    series: changes.map(({ group, payload, pointCount }) => ({
      type: group.type,
      hourStart: group.hourStart,
      payload,
      pointCount,
    })),
    dirtyDays: dirty.list(),
  });
  // The user's write lock is held since the read: nobody else can have moved the counter.
  if (!written) throw new Error('Fold found the change counter moved under the lock');
  return { live: true, seriesWritten: changes.length };
}

async function foldClaimed(
  deps: FoldJobDeps,
  client: PoolClient,
  userId: string,
  batches: readonly InboxBatch[],
): Promise<FoldJobResult> {
  const dataKey = await deps.keyring.getUserKey(client, userId);
  let seriesWritten = 0;
  let dropped = 0;
  for (const [deviceId, groups] of groupBatches(dataKey, userId, batches)) {
    const folded = await foldDevice(client, dataKey, userId, deviceId, groups);
    seriesWritten += folded.seriesWritten;
    if (!folded.live) dropped += batches.filter((b) => b.deviceId === deviceId).length;
  }
  await deps.beforeCommit?.(client);
  return deleteFolded(client, userId, batches, { seriesWritten, dropped });
}

/** The fold's last step, folded or dropped alike: the batches leave the inbox. */
async function deleteFolded(
  client: PoolClient,
  userId: string,
  batches: readonly InboxBatch[],
  outcome: Pick<FoldJobResult, 'seriesWritten' | 'dropped'>,
): Promise<FoldJobResult> {
  await deleteInboxBatches(
    client,
    userId,
    batches.map((b) => b.id),
  );
  return { userId, batches: batches.length, samples: samplesIn(batches), ...outcome };
}

/**
 * One fold, in ONE transaction: take a user no other worker is on (the longest waiting), lock
 * their oldest inbox rows, merge their samples into the stored series exactly as a direct write
 * would (positions, device last sync, dirty rollup days, NOTIFYs: fold-write.repository.ts),
 * delete the rows, COMMIT. A worker dying anywhere before COMMIT leaves the rows in place for
 * the next one; folding them again cannot count anything twice. Rows of an erased user (whose
 * key is gone) are deleted unread. Returns null when no inbox row is waiting.
 *
 * A fold that fails because of its data (a row that does not open, a value PostgreSQL refuses)
 * is rolled back and answered, not thrown: its batches count a try and wait a backoff, the next
 * try folds the oldest alone, and after `retry.maxAttempts` tries it is set aside as a dead
 * letter (dead-letters.repository.ts), so one bad batch never blocks its user's later ones for
 * good nor makes the worker wait before other people's. A transient failure (the database
 * away) is thrown, for the worker loop's backoff, and counts no try.
 */
export async function runFoldJob(deps: FoldJobDeps): Promise<FoldJobResult | null> {
  const claimed: { user: { userId: string; batches: InboxBatch[] } | null } = { user: null };
  try {
    return await withTransaction(deps.pool, async (client) => {
      for (const userId of await usersWithInboxBatches(client, CANDIDATE_USERS)) {
        const claim = await claimUser(client, userId);
        if (claim === 'busy') continue;
        const oldest = await claimInboxBatches(client, userId, deps.maxBatches);
        if (oldest.length === 0) continue;
        // A batch that failed before is retried alone: its tries then count against it only.
        const batches = oldest[0] && oldest[0].attempts > 0 ? [oldest[0]] : oldest;
        claimed.user = { userId, batches };
        if (claim === 'erased') {
          return deleteFolded(client, userId, batches, {
            seriesWritten: 0,
            dropped: batches.length,
          });
        }
        return foldClaimed(deps, client, userId, batches);
      }
      return null;
    });
  } catch (err) {
    const failed = claimed.user;
    const { reason, transient } = describeFailure(err);
    if (!failed || transient) throw err;
    const retry = deps.retry ?? DEFAULT_RETRY_POLICY;
    const ids = failed.batches.map((b) => b.id);
    const outcome = await recordFoldFailure(deps.pool, failed.userId, ids, reason, retry);
    return {
      userId: failed.userId,
      batches: ids.length,
      samples: 0,
      seriesWritten: 0,
      dropped: 0,
      failure: { reason, ...outcome },
    };
  }
}
