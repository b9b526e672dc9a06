import { mergeSeriesPoints } from '@hearth/core';
import type { PushResponse, PushRow, ReplicatedCollection, SeriesDoc } from '@hearth/schema';
import type { HearthDatabase } from '../db/types.js';
import type { ChangedDay, LocalChanges } from './localChanges.js';
import { seriesDays } from './seriesDays.js';

export type Upload = {
  collection: ReplicatedCollection;
  rows: readonly PushRow<unknown>[];
  response: PushResponse<unknown>;
  /** `LocalChanges.writeCount` and `settingsChangedAt` when the push started. */
  writesBefore: number;
  settingsChangedBefore: number | null;
};

function samePoints(a: SeriesDoc['points'], b: SeriesDoc['points']): boolean {
  return a.length === b.length && a.every((p, i) => p.every((v, j) => v === b[i]![j]));
}

/**
 * The pushed series the server now holds: every one written, and every conflicting one whose
 * master already has all of its points (a retried push whose first answer was lost).
 */
function seriesHeld(rows: readonly PushRow<SeriesDoc>[], conflicts: readonly SeriesDoc[]) {
  const masters = new Map(conflicts.map((m) => [m.id, m]));
  return rows
    .map((row) => row.newDocumentState)
    .filter((pushed) => {
      const master = masters.get(pushed.id);
      if (!master) return true;
      if (pushed._deleted && !master._deleted) return false;
      return samePoints(mergeSeriesPoints(master.points, pushed.points), master.points);
    });
}

/**
 * Records where an upload reached (the push's `position`, sync-server/SPEC.md R15) on the local
 * changes it carried, so they are known to be included once the replicated watermark passes it.
 */
export async function acknowledgeUpload(
  db: HearthDatabase,
  changes: LocalChanges,
  upload: Upload,
  fallbackTimeZone: string,
): Promise<void> {
  const { position, conflicts } = upload.response;
  if (position === undefined) return;
  if (upload.collection === 'settings') {
    const changedAt = changes.state.settingsChangedAt;
    if (conflicts.length === 0 && changedAt === upload.settingsChangedBefore) {
      changes.settingsUploaded(position);
    }
    return;
  }
  if (upload.collection !== 'series') return;
  const held = seriesHeld(
    upload.rows as readonly PushRow<SeriesDoc>[],
    conflicts as readonly SeriesDoc[],
  );
  const timeZone = (await db.settings.findOne('settings').exec())?.timeZone ?? fallbackTimeZone;
  const days = new Set<ChangedDay>();
  for (const doc of held) for (const day of seriesDays(doc, timeZone)) days.add(day);
  changes.uploaded(days, position, upload.writesBefore);
}
