import { FRESHNESS_DOC_ID } from '@hearth/schema';
import { isPending, PENDING_UPDATED_AT, type HearthDatabase } from '../db/types.js';
import type { ChangedDay, LocalChanges, UploadPosition } from './localChanges.js';
import { seriesDays } from './seriesDays.js';

/** Days that a local series still waiting to upload can move. */
async function daysWaitingToUpload(db: HearthDatabase, timeZone: string): Promise<Set<string>> {
  const pending = await db.series.find({ selector: { updatedAt: PENDING_UPDATED_AT } }).exec();
  const days = new Set<string>();
  for (const doc of pending) for (const day of seriesDays(doc, timeZone)) days.add(day);
  return days;
}

/**
 * Forgets the local changes the server's rollups include (SPECIFICATION.md §4): a changed day
 * once nothing of it waits to upload and the replicated watermark covers its upload's position;
 * a settings change likewise. Before a watermark has replicated nothing is forgotten.
 */
export async function pruneLocalChanges(
  db: HearthDatabase,
  changes: LocalChanges,
  fallbackTimeZone: string,
): Promise<void> {
  const [settings, freshness] = await Promise.all([
    db.settings.findOne('settings').exec(),
    db.freshness.findOne(FRESHNESS_DOC_ID).exec(),
  ]);
  if (!freshness) return;
  const covered = (at: UploadPosition) => at !== null && at <= freshness.rolledUpTo;

  const { settingsChangedAt, settingsUploadedAt } = changes.state;
  if (
    settingsChangedAt !== null &&
    settings &&
    !isPending(settings) &&
    covered(settingsUploadedAt)
  ) {
    changes.clearSettingsChange({ changedAt: settingsChangedAt, uploadedAt: settingsUploadedAt });
  }

  if (changes.state.days.size === 0) return;
  const waiting = await daysWaitingToUpload(db, settings?.timeZone ?? fallbackTimeZone);
  const done: [ChangedDay, UploadPosition][] = [];
  for (const [day, at] of changes.state.days) {
    if (!waiting.has(day) && covered(at)) done.push([day, at]);
  }
  changes.forgetDays(done);
}
