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
import { upsertRollups, type RollupWrite } from '../rollups/rollups.repository.js';
import {
  claimRollupWork,
  deferUserWork,
  deleteClaimedWork,
  type ClaimedWork,
} from '../rollups/rollup-queue.repository.js';
import { recomputeDays, recomputeWeeksAndMonths, type JobContext } from './recompute.js';
import type { PendingRollup } from './rollup-diff.js';

export interface RollupJobDeps {
  pool: Pool;
  keyring: Keyring;
  now: () => number;
  /** Most dirty days one transaction takes on. */
  batchDays: number;
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
  const settings = await getSettings(client, userId);
  if (!settings) throw new AppError('not-found', 'No settings for this user');
  const devices = await listDevicesForPriority(client, userId);
  const ctx: JobContext = {
    client,
    userId,
    dataKey: await deps.keyring.getUserKey(client, userId),
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
  const collections: ReplicatedCollection[] = [];
  if (pending.length > 0) collections.push('rollups');
  if (insightsChanged) collections.push('insights');
  await publishChange(client, userId, collections);
  return { userId, days: work.days.length, rollupsWritten: pending.length, collections };
}

/**
 * One unit of rollup work, in ONE transaction: claim a user's dirty days, recompute their hour and
 * day rollups from the series (with a day of margin), re-merge the weeks and months holding them,
 * regenerate insights, delete the claimed rows, COMMIT; listeners hear about it only then.
 * A worker dying anywhere before COMMIT leaves the queue rows in place. Returns null when idle.
 */
export async function runRollupJob(deps: RollupJobDeps): Promise<RollupJobResult | null> {
  let claimedUser: string | null = null;
  try {
    return await withTransaction(deps.pool, async (client) => {
      const work = await claimRollupWork(client, deps.batchDays, deps.onlyUser);
      if (!work) return null;
      claimedUser = work.userId;
      return processClaim(deps, client, work);
    });
  } catch (err) {
    if (claimedUser) await deferUserWork(deps.pool, claimedUser).catch(() => undefined);
    throw err;
  }
}
