import { DEVICE_CLIENT_FIELDS, type DeviceDoc, type DeviceKind } from '@hearth/schema';
import { AppError } from '../../errors.js';
import type { Queryable } from '../../db/pool.js';
import { allocatePositions } from '../../db/positions.js';
import { publishDeviceRevoked } from '../../notify.js';
import { selectChanges, selectLatestCheckpoint, type ChangeSource } from './changes-query.js';
import type { CollectionReader, CollectionWriter } from './types.js';

const source: ChangeSource = {
  table: 'devices',
  idSql: 'id',
  columns: 'name, kind, last_sync_at, created_at',
};

interface DeviceRow {
  name: string;
  kind: DeviceKind;
  last_sync_at: Date | null;
  created_at: Date;
}

type DbDevice = DeviceRow & { doc_id: string; updated_at: Date; deleted: boolean };

function toDoc(r: DbDevice): DeviceDoc {
  return {
    id: r.doc_id,
    name: r.name,
    kind: r.kind,
    lastSyncAt: r.last_sync_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    _deleted: r.deleted,
  };
}

export const devicesReader: CollectionReader<DeviceDoc> = {
  async changesAfter(ctx, after, limit) {
    const rows = await selectChanges<DeviceRow>(ctx.db, source, ctx.userId, after, limit);
    return rows.map((r) => ({ doc: toDoc(r), checkpoint: { position: r.position, id: r.doc_id } }));
  },
  latestCheckpoint: (db, userId) => selectLatestCheckpoint(db, source, userId),
};

/** Ids a device may create for itself: UUIDs and the like; never a `|` (series ids join on it). */
const CLIENT_DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_NAME_LENGTH = 100;

async function readDevices(db: Queryable, userId: string, ids: readonly string[]) {
  const res = await db.query<DbDevice>(
    `SELECT id AS doc_id, name, kind, last_sync_at, created_at, updated_at, deleted
       FROM devices WHERE user_id = $1 AND id = ANY($2::text[])`,
    [userId, ids],
  );
  return res.rows.map(toDoc);
}

/**
 * Devices a client creates carry no token (they are the app itself, e.g. manual entry); a
 * tombstone also revokes the token of a device that had one, as `DELETE /devices/:id` does.
 */
export const devicesWriter: CollectionWriter<DeviceDoc> = {
  clientFields: DEVICE_CLIENT_FIELDS,

  checkDocuments(docs) {
    for (const doc of docs) {
      const name = doc.name.trim();
      if (name.length === 0 || doc.name.length > MAX_NAME_LENGTH) {
        throw new AppError('invalid-request', `Device ${doc.id}: name must be 1–100 characters`);
      }
    }
  },

  async readMasters(ctx, docs) {
    const masters = await readDevices(
      ctx.db,
      ctx.userId,
      docs.map((d) => d.id),
    );
    return new Map(masters.map((d) => [d.id, d]));
  },

  async write(ctx, rows) {
    for (const { master, next } of rows) {
      if (!master && !CLIENT_DEVICE_ID.test(next.id)) {
        throw new AppError('invalid-request', 'A new device id is 1–64 of [A-Za-z0-9_-]');
      }
      // The kind decides the device's default priority in deduplication: fixed once created.
      if (master && master.kind !== next.kind) {
        throw new AppError('forbidden', `Device ${next.id}: the kind of a device cannot change`);
      }
    }
    const first = await allocatePositions(ctx.db, ctx.userId, rows.length);
    await ctx.db.query(
      `INSERT INTO devices (user_id, id, name, kind, position, deleted)
       SELECT $1::uuid, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::boolean[])
       ON CONFLICT (user_id, id) DO UPDATE
         SET name = EXCLUDED.name, deleted = EXCLUDED.deleted, position = EXCLUDED.position,
             token_hash = CASE WHEN EXCLUDED.deleted THEN NULL ELSE devices.token_hash END,
             updated_at = now()`,
      [
        ctx.userId,
        rows.map((r) => r.next.id),
        rows.map((r) => r.next.name),
        rows.map((r) => r.next.kind),
        rows.map((_, i) => first + i),
        rows.map((r) => r.next._deleted),
      ],
    );
    // A tombstone pushed from the PWA revokes the device's token, as DELETE /devices/:id does.
    if (rows.some((r) => r.next._deleted)) await publishDeviceRevoked(ctx.db, ctx.userId);
    return ['devices'];
  },
};
