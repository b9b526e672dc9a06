import type { Goals, ReplicationCheckpoint, SettingsDoc } from '@hearth/schema';
import { AppError } from '../../errors.js';
import { allocatePositions } from '../../db/positions.js';
import { writeSettings } from '../../settings/settings.repository.js';
import { selectChanges, selectLatestCheckpoint, type ChangeSource } from './changes-query.js';
import { applySettingsSideEffects } from '../../settings/settings-effects.js';
import type { CollectionReader, CollectionWriter, ReadContext } from './types.js';

/** One document per user, id `settings`. */
const source: ChangeSource = {
  table: 'settings',
  idSql: `'settings'::text`,
  columns: 'time_zone, goals, source_priority',
};

interface SettingsRow {
  time_zone: string;
  goals: Goals;
  source_priority: string[];
}

async function readSettingsDocs(
  ctx: ReadContext,
  after: ReplicationCheckpoint | null,
  limit: number,
) {
  const rows = await selectChanges<SettingsRow>(ctx.db, source, ctx.userId, after, limit);
  return rows.map((r) => ({
    doc: {
      id: 'settings' as const,
      timeZone: r.time_zone,
      goals: r.goals,
      sourcePriority: r.source_priority,
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
 * a change of zone, priority or goals re-queues the user's days as `PUT /users/me/settings` does.
 */
export const settingsWriter: CollectionWriter<SettingsDoc> = {
  clientFields: ['timeZone', 'goals', 'sourcePriority', '_deleted'],

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
    };
    await writeSettings(ctx.db, ctx.userId, next, position);
    const rollupsChanged = await applySettingsSideEffects(ctx.db, ctx.userId, row.master, next);
    return rollupsChanged ? ['settings', 'rollups'] : ['settings'];
  },
};
