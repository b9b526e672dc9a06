import {
  REPLICATED_CLIENT_FIELDS,
  type InsightDoc,
  type ReplicatedDoc,
  type SeriesDoc,
  type SeriesPoint,
} from '@hearth/schema';
import { comparePoints, mergeSeriesPoints, samePoint } from '../series/points.js';
import { jsonEqual, sameClientFields } from './json-equal.js';

/**
 * A push the server refused because its state moved on (sync-server/SPEC.md R3), as a device
 * resolves it: the state it last saw, the server's current state, and its own.
 */
export interface ConflictInput<D> {
  /** The master state this device last saw; null when it never saw one. */
  assumed: D | null;
  /** The server's current state, sent back instead of writing the push. */
  master: D;
  /** This device's state, which it tried to push. */
  local: D;
}

/** The collections a device writes, and so the ones whose conflicts it resolves. */
export type PushedCollection = 'series' | 'devices' | 'settings' | 'insights';

type SeriesLike = Pick<SeriesDoc, 'points' | '_deleted'>;

/**
 * Series, three ways per point, a point being identified by (start, end). A tombstone holds no
 * live point (deleting a series removes all of them). Against the state this device last saw:
 *
 * - a point this device added or changed keeps this device's value (also when the server changed
 *   it too: the value the person is looking at);
 * - a point this device removed is removed, unless the server changed it meanwhile: then the
 *   server's value stays, since a change and a removal of one point cannot both be kept and
 *   keeping the change loses no one's edit;
 * - every other point is as the server holds it (added, changed or removed by another device).
 *
 * Without a state this device saw (its first push of a series another device created too), no
 * removal can be known: the result is the union of both sides' live points, this device's value
 * winning. The series ends deleted when no point is left and either side deleted it.
 */
export function mergeSeriesConflict<D extends SeriesLike>({
  assumed,
  master,
  local,
}: ConflictInput<D>): D {
  const points = assumed
    ? mergePointsThreeWay(livePoints(assumed), livePoints(master), livePoints(local))
    : mergeSeriesPoints(livePoints(master), livePoints(local));
  const deleted = points.length === 0 && (master._deleted || local._deleted);
  if (deleted && master._deleted) return master;
  // A tombstone keeps the points it had (sync-server/SPEC.md R9); a new one those it removed.
  return { ...master, points: deleted ? master.points : points, _deleted: deleted };
}

const livePoints = (doc: SeriesLike): readonly SeriesPoint[] => (doc._deleted ? [] : doc.points);

const pointKey = (point: SeriesPoint) => `${point[0]}|${point[1]}`;

const samePointOrAbsent = (a: SeriesPoint | undefined, b: SeriesPoint | undefined) =>
  a === undefined || b === undefined ? a === b : samePoint(a, b);

/** The per-point rule of `mergeSeriesConflict`, on sorted unique point lists. */
function mergePointsThreeWay(
  base: readonly SeriesPoint[],
  master: readonly SeriesPoint[],
  local: readonly SeriesPoint[],
): SeriesPoint[] {
  const byKey = (points: readonly SeriesPoint[]) => new Map(points.map((p) => [pointKey(p), p]));
  const [seen, onServer, here] = [byKey(base), byKey(master), byKey(local)];
  const merged: SeriesPoint[] = [];
  for (const key of new Set([...seen.keys(), ...onServer.keys(), ...here.keys()])) {
    const before = seen.get(key);
    const mine = here.get(key);
    const theirs = onServer.get(key);
    const point = samePointOrAbsent(before, mine)
      ? theirs
      : (mine ?? (samePointOrAbsent(before, theirs) ? undefined : theirs));
    if (point) merged.push(point);
  }
  return merged.sort(comparePoints);
}

/**
 * Field-wise three-way merge: a field this device changed (it differs from the state the device
 * last saw, or it never saw one) keeps the local value; every other field takes the server's.
 * Two devices editing different fields at once thus both keep their edit; the same field edited
 * on both ends with this device's value, the one the person is looking at.
 */
export function mergeFieldsThreeWay<D extends object>(
  fields: readonly (keyof D & string)[],
  { assumed, master, local }: ConflictInput<D>,
): D {
  const merged = { ...master };
  for (const field of fields) {
    if (!assumed || !jsonEqual(local[field], assumed[field])) merged[field] = local[field];
  }
  return merged;
}

/** Insights: acknowledging is the only client write, and an acknowledgement is never undone. */
export function mergeAcknowledged<D extends Pick<InsightDoc, 'acknowledged'>>({
  master,
  local,
}: ConflictInput<D>): D {
  return { ...master, acknowledged: master.acknowledged || local.acknowledged };
}

/** What a device makes of a conflict: the merged state, and whether it still has to push it. */
export interface ConflictResolution<D> {
  doc: D;
  /** False when the merge adds nothing to the server's state: the master state is `doc`. */
  push: boolean;
}

function merge<C extends PushedCollection>(
  collection: C,
  input: ConflictInput<ReplicatedDoc<C>>,
): ReplicatedDoc<C> {
  // Each branch narrows `collection`, not the type parameter: the casts restate that pairing.
  switch (collection) {
    case 'series':
      return mergeSeriesConflict(input as ConflictInput<SeriesDoc>) as ReplicatedDoc<C>;
    case 'insights':
      return mergeAcknowledged(input as ConflictInput<InsightDoc>) as ReplicatedDoc<C>;
    default:
      return mergeFieldsThreeWay(
        REPLICATED_CLIENT_FIELDS[collection] as readonly (keyof ReplicatedDoc<C> & string)[],
        input,
      );
  }
}

/**
 * The conflict rule of every collection a device writes, in one place: the PWA's RxDB conflict
 * handlers and the server's test replicas both call it. When the merge equals the master state
 * on the client-owned fields, nothing is left to upload and the master state itself is kept.
 */
export function resolveConflict<C extends PushedCollection>(
  collection: C,
  input: ConflictInput<ReplicatedDoc<C>>,
): ConflictResolution<ReplicatedDoc<C>> {
  const merged = merge(collection, input);
  const fields = REPLICATED_CLIENT_FIELDS[collection] as readonly (keyof ReplicatedDoc<C> &
    string)[];
  if (sameClientFields(merged, input.master, fields)) return { doc: input.master, push: false };
  return { doc: merged, push: true };
}
