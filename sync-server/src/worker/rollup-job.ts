import { localDateOf, resolveSourcePriority } from '@hearth/core';
import type { HealthDataType, LocalDate, ReplicatedCollection } from '@hearth/schema';
import { AppError } from '../errors.js';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.js';
import { allocatePositions } from '../db/positions.js';
import type { Keyring } from '../crypto/keyring.js';
import { publishChange } from '../notify.js';
import { listDevicesForPriority } from '../devices/devices.repository.js';
import { getSettings } from '../settings/settings.repository.js';
import { refreshInsights } from '../insights/insights.service.js';
import { sealSummary } from '../rollups/rollup-codec.js';
import { sealSummaryPush } from '../query/summary-push.js';
import { upsertRollups, type RollupWrite } from '../rollups/rollups.repository.js';
import {
  claimRollupWork,
  deleteClaimedWork,
  type ClaimedWork,
} from '../rollups/rollup-queue.repository.js';
import { recomputeDays, recomputeWeeksAndMonths, type JobContext } from './recompute.js';
import type { PendingRollup } from './rollup-diff.js';
import { recordRollupFailure } from './dead-letters.repository.js';
import { DEFAULT_RETRY_POLICY, describeFailure, type RetryPolicy } from './job-failure.js';

export interface RollupJobDeps {
  pool: Pool;
  keyring: Keyring;
  now: () => number;
  /** Most dirty days one transaction takes on. */
  batchDays: number;
  /** Tries of a dirty day before it is set aside as a dead letter; default DEFAULT_RETRY_POLICY. */
  retry?: RetryPolicy;
  /** Only this user's days (right after folding their batches); default: the longest waiting. */
  onlyUser?: string;
  /** Test hook: runs just before the claimed rows are deleted and the job commits. */
  beforeCommit?: (client: PoolClient) => Promise<void>;
}

export interface RollupJobResult {
  userId: string;
  days: number;
  rollupsWritten: number;
  collections: ReplicatedCollection[];
  /** Set when the job failed and was rolled back: why, and how many days it set aside. */
  failure?: { reason: string; deadLetters: number };
}

function daysByType(work: ClaimedWork): Map<HealthDataType, LocalDate[]> {
  const byType = new Map<HealthDataType, LocalDate[]>();
  for (const { type, localDay } of work.days) {
    const list = byType.get(type) ?? [];
    list.push(localDay);
    byType.set(type, list);
  }
  return byType;
}

async function writeRollups(ctx: JobContext, pending: readonly PendingRollup[]): Promise<void> {
  if (pending.length === 0) return;
  const first = await allocatePositions(ctx.client, ctx.userId, pending.length);
  const rows: RollupWrite[] = pending.map((p, i) => ({
    type: p.type,
    period: p.period,
    startMs: p.startMs,
    localStart: p.localStart,
    localDate: p.localDate,
    summary: p.summary
      ? sealSummary(ctx.dataKey, ctx.userId, p, p.summary)
      : (p.sealed ?? Buffer.alloc(0)),
    position: first + i,
    deleted: p.summary === null,
  }));
  await upsertRollups(ctx.client, ctx.userId, rows);
}

async function processClaim(
  deps: RollupJobDeps,
  client: PoolClient,
  work: ClaimedWork,
): Promise<RollupJobResult> {
  const { userId } = work;
  const dataKey = await deps.keyring.getUserKey(client, userId);
  const settings = await getSettings(client, userId, dataKey);
  if (!settings) throw new AppError('not-found', 'No settings for this user');
  const devices = await listDevicesForPriority(client, userId);
  const ctx: JobContext = {
    client,
    userId,
    dataKey,
    timeZone: settings.timeZone,
    priority: resolveSourcePriority(devices, settings.sourcePriority),
  };
  const pending: PendingRollup[] = [];
  for (const [type, days] of daysByType(work)) {
    const { writes, daySummaries } = await recomputeDays(ctx, type, days);
    pending.push(...writes, ...(await recomputeWeeksAndMonths(ctx, type, daySummaries)));
  }
  await writeRollups(ctx, pending);
  const insightsChanged = await refreshInsights({
    client,
    userId,
    dataKey: ctx.dataKey,
    goals: settings.goals,
    today: localDateOf(deps.now(), settings.timeZone),
  });
  await deps.beforeCommit?.(client);
  await deleteClaimedWork(client, work);
  // Deleting the claimed days moves the rollup watermark even when no rollup value changed.
  const collections: ReplicatedCollection[] = ['freshness'];
  if (pending.length > 0) collections.push('rollups');
  if (insightsChanged) collections.push('insights');
  // Every instance's cache gets the changed days' new summaries with the NOTIFY itself, so the
  // person's next read is a hit wherever it lands (read here, after this job's own writes).
  const changedDays = pending.filter((p) => p.period === 'day').map((p) => p.localDate);
  const summaries = await sealSummaryPush(client, dataKey, userId, changedDays);
  await publishChange(client, userId, collections, summaries);
  return { userId, days: work.days.length, rollupsWritten: pending.length, collections };
}

/**
 * One unit of rollup work, in ONE transaction: claim a user's dirty days, recompute their day
 * rollups from the series (with a day of margin), re-merge the weeks and months holding them,
 * regenerate insights, delete the claimed rows, COMMIT; listeners hear about it only then.
 * A worker dying anywhere before COMMIT leaves the queue rows in place. Returns null when idle.
 *
 * A job that fails because of its data is rolled back and answered, not thrown: its days count
 * a try and wait a backoff, a day that failed is next tried alone (rollup-queue.repository.ts),
 * and after `retry.maxAttempts` tries it is set aside as a dead letter. A transient failure is
 * thrown, for the worker loop's backoff, and counts no try (fold-job.ts says the same of folds).
 */
export async function runRollupJob(deps: RollupJobDeps): Promise<RollupJobResult | null> {
  const claimed: { work: ClaimedWork | null } = { work: null };
  try {
    return await withTransaction(deps.pool, async (client) => {
      const work = await claimRollupWork(client, deps.batchDays, deps.onlyUser);
      if (!work) return null;
      claimed.work = work;
      return processClaim(deps, client, work);
    });
  } catch (err) {
    const { reason, transient } = describeFailure(err);
    const { work } = claimed;
    if (!work || transient) throw err;
    const retry = deps.retry ?? DEFAULT_RETRY_POLICY;
    const outcome = await recordRollupFailure(deps.pool, work.userId, work.days, reason, retry);
    return {
      userId: work.userId,
      days: work.days.length,
      rollupsWritten: 0,
      collections: [],
      failure: { reason, ...outcome },
    };
  }
}
