import type {
  DeviceDoc,
  FreshnessDoc,
  InsightDoc,
  RollupDoc,
  SeriesDoc,
  SettingsDoc,
} from '@hearth/schema';
import type { RxCollection, RxDatabase } from 'rxdb';

/**
 * The replicated documents as RxDB stores them: RxDB keeps `_deleted` itself, so the stored
 * shape is the wire document (`@hearth/schema`) without it.
 */
type Stored<T> = Omit<T, '_deleted'>;
export type SeriesRow = Stored<SeriesDoc>;
export type RollupRow = Stored<RollupDoc>;
export type DeviceRow = Stored<DeviceDoc>;
export type SettingsRow = Stored<SettingsDoc>;
export type InsightRow = Stored<InsightDoc>;
export type FreshnessRow = Stored<FreshnessDoc>;

export type HearthCollections = {
  series: RxCollection<SeriesRow>;
  rollups: RxCollection<RollupRow>;
  devices: RxCollection<DeviceRow>;
  settings: RxCollection<SettingsRow>;
  insights: RxCollection<InsightRow>;
  freshness: RxCollection<FreshnessRow>;
};
export type HearthDatabase = RxDatabase<HearthCollections>;

/**
 * `updatedAt` is server-managed. A document written on this device carries this marker until the
 * server's own state of it comes back through replication, so "waiting to upload" is a cheap
 * indexed query and survives reloads. The server ignores the field on push (it is not a
 * client-owned field, so it never causes a conflict) and sets its own time.
 */
export const PENDING_UPDATED_AT = '';

export function isPending(doc: { updatedAt: string }): boolean {
  return doc.updatedAt === PENDING_UPDATED_AT;
}
