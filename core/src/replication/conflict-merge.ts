import {
  REPLICATED_CLIENT_FIELDS,
  type InsightDoc,
  type ReplicatedDoc,
  type SeriesDoc,
  type SeriesPoint,
} from '@hearth/schema';
import { mergeSeriesPoints, samePoint } from '../series/points.js';
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
 * Series: the union of both sides' points by (start, end), so nothing recorded on either side is
 * lost. This device's value wins for a point it added or changed since the state it last saw (a
 * re-sent sample replaces itself); for a point it still holds as it last saw it, the server's
 * value wins, since another device may have changed it meanwhile. The series stays deleted only
 * if both sides deleted it.
 */
export function mergeSeriesConflict<D extends SeriesLike>({
  assumed,
  master,
  local,
}: ConflictInput<D>): D {
  return {
    ...master,
    points: mergeSeriesPoints(master.points, pointsChangedHere(assumed, master, local)),
    _deleted: master._deleted && local._deleted,
  };
}

const pointKey = (point: SeriesPoint) => `${point[0]}|${point[1]}`;

/** The local points that should override the server's: all but those held unchanged. */
function pointsChangedHere<D extends SeriesLike>(
  assumed: D | null,
  master: D,
  local: D,
): SeriesPoint[] {
  if (!assumed) return local.points;
  const seen = new Map(assumed.points.map((point) => [pointKey(point), point]));
  const onServer = new Set(master.points.map(pointKey));
  return local.points.filter((point) => {
    const key = pointKey(point);
    const before = seen.get(key);
    return !(before && samePoint(before, point) && onServer.has(key));
  });
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
