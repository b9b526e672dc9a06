import {
  SETTINGS_CLIENT_FIELDS,
  type ReplicationCheckpoint,
  type SettingsDoc,
} from '@hearth/schema';
import { AppError } from '../../errors.js';
import { allocatePositions } from '../../db/positions.js';
import {
  SETTINGS_COLUMNS,
  settingsFromColumns,
  writeSettings,
  type SettingsColumns,
} from '../../settings/settings.repository.js';
import { selectChanges, selectLatestCheckpoint, type ChangeSource } from './changes-query.js';
import { applySettingsSideEffects } from '../../settings/settings-effects.js';
import type { CollectionReader, CollectionWriter, ReadContext } from './types.js';

/** One document per user, id `settings`. */
const source: ChangeSource = {
  table: 'settings',
  idSql: `'settings'::text`,
  columns: SETTINGS_COLUMNS,
};

async function readSettingsDocs(
  ctx: ReadContext,
  after: ReplicationCheckpoint | null,
  limit: number,
) {
  const rows = await selectChanges<SettingsColumns>(ctx.db, source, ctx.userId, after, limit);
  return rows.map((r) => ({
    doc: {
      id: 'settings' as const,
      ...settingsFromColumns(ctx.dataKey, ctx.userId, r),
      updatedAt: r.updated_at.toISOString(),
      _deleted: r.deleted,
    },
    checkpoint: { position: r.position, id: r.doc_id },
  }));
}

export const settingsReader: CollectionReader<SettingsDoc> = {
  changesAfter: readSettingsDocs,
  latestCheckpoint: (db, userId) => selectLatestCheckpoint(db, source, userId),
};

/**
 * Settings are stored as pushed (client-owned fields read back exactly as written, SPEC R9);
 * a change of zone, priority or goals (not preferences) re-queues the user's days as `PUT /users/me/settings` does.
 */
export const settingsWriter: CollectionWriter<SettingsDoc> = {
  clientFields: SETTINGS_CLIENT_FIELDS,

  checkDocuments(docs) {
    if (docs.some((d) => d._deleted)) {
      throw new AppError('forbidden', 'Settings cannot be deleted');
    }
  },

  async readMasters(ctx) {
    const [current] = await readSettingsDocs(ctx, null, 1);
    return new Map(current ? [[current.doc.id, current.doc]] : []);
  },

  async write(ctx, rows) {
    // Ids are unique per push and the only id is `settings`: at most one row.
    const [row] = rows;
    if (!row) return [];
    if (!row.master) throw new AppError('not-found', 'No settings for this user');
    const position = await allocatePositions(ctx.db, ctx.userId, 1);
    const next = {
      timeZone: row.next.timeZone,
      goals: row.next.goals,
      sourcePriority: row.next.sourcePriority,
      preferences: row.next.preferences,
    };
    await writeSettings(ctx.db, ctx.userId, next, position, ctx.dataKey);
    const rollupsChanged = await applySettingsSideEffects(ctx.db, ctx.userId, row.master, next);
    return rollupsChanged ? ['settings', 'rollups'] : ['settings'];
  },
};
