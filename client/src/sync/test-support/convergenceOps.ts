import fc from 'fast-check';
import type { HourCycle } from '@hearth/schema';

/**
 * The steps of the replication convergence property (`convergence.server.test.ts`): what a
 * person does in the app on one of several browsers (`r`), and what the network and the app's
 * lifecycle do to that browser. Edits go through the app's own write paths; everything else
 * only changes when and how those writes travel.
 */
export type Op =
  /** A manual steps entry of one minute (a new sample, or a new value for the same minute). */
  | { kind: 'enter'; r: number; hour: number; minute: number; value: number }
  /**
   * A new value for one of the manual samples this browser holds: the one `at` an entry's hour
   * and minute if given (nothing if it holds none there), else `pick` modulo their count.
   */
  | { kind: 'changeValue'; r: number; pick: number; value: number; at?: EntryTime }
  /** Deletes one of the manual samples this browser holds, chosen as for `changeValue`. */
  | { kind: 'deleteEntry'; r: number; pick: number; at?: EntryTime }
  /** Deletes everything the watch recorded (its series become tombstones). */
  | { kind: 'deleteWatchData'; r: number }
  | { kind: 'rename'; r: number; device: 'manual' | 'watch'; name: string }
  /** Removes the watch through the devices API (online only, as in the app), maybe its data too. */
  | { kind: 'removeWatch'; r: number; withData: boolean }
  | { kind: 'goal'; r: number; steps: number }
  | { kind: 'hourCycle'; r: number; cycle: HourCycle }
  /** Acknowledges one of the insights this browser holds. */
  | { kind: 'acknowledge'; r: number; pick: number }
  | { kind: 'offline' | 'online'; r: number }
  /** "Sync now": every replication pulls and pushes at once, the stream reconnects if down. */
  | { kind: 'syncNow'; r: number }
  /** Waits until this browser has uploaded and pulled everything (when online). */
  | { kind: 'awaitSync'; r: number }
  /** A network blip: the browser's sockets break, the stream must reconnect by itself. */
  | { kind: 'dropSockets'; r: number }
  /** A reload: the replica closes and reopens on the same storage. */
  | { kind: 'restart'; r: number }
  /** Lets background replication run for a moment, so edits land mid-flight too. */
  | { kind: 'pause'; ms: number };

/** Where an `enter` puts its minute-long sample. */
export type EntryTime = { hour: number; minute: number };

export type Edit = Extract<
  Op,
  { kind: 'enter' | 'rename' | 'goal' | 'hourCycle' | 'acknowledge' | 'deleteEntry' }
>;

export const DEVICE_NAMES = ['Phone', 'Manual', 'Mine', 'Kitchen'] as const;

const editArb = (r: number): fc.Arbitrary<Edit> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('enter' as const),
        r: fc.constant(r),
        hour: fc.integer({ min: 0, max: 2 }),
        minute: fc.integer({ min: 0, max: 3 }),
        value: fc.integer({ min: 1, max: 150 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('deleteEntry' as const),
        r: fc.constant(r),
        pick: fc.nat(20),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('rename' as const),
        r: fc.constant(r),
        device: fc.constantFrom('manual' as const, 'watch' as const),
        name: fc.constantFrom(...DEVICE_NAMES),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('goal' as const),
        r: fc.constant(r),
        steps: fc.integer({ min: 1, max: 20 }).map((k) => k * 1000),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('hourCycle' as const),
        r: fc.constant(r),
        cycle: fc.constantFrom('h12' as const, 'h23' as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('acknowledge' as const),
        r: fc.constant(r),
        pick: fc.nat(20),
      }),
    },
  );

/** One step, or several that belong together. */
function stepArb(replicas: number): fc.Arbitrary<Op[]> {
  const r = fc.integer({ min: 0, max: replicas - 1 });
  const single = (arb: fc.Arbitrary<Op>) => arb.map((op) => [op]);
  const lifecycle = (kind: 'offline' | 'online' | 'syncNow' | 'awaitSync' | 'dropSockets') =>
    single(r.map((i): Op => ({ kind, r: i })));
  return fc.oneof(
    { weight: 8, arbitrary: r.chain((i) => single(editArb(i))) },
    {
      weight: 1,
      arbitrary: single(
        fc.record({
          kind: fc.constant('changeValue' as const),
          r,
          pick: fc.nat(20),
          value: fc.integer({ min: 1, max: 150 }),
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: single(fc.record({ kind: fc.constant('deleteWatchData' as const), r })),
    },
    {
      weight: 1,
      arbitrary: single(
        fc.record({ kind: fc.constant('removeWatch' as const), r, withData: fc.boolean() }),
      ),
    },
    { weight: 3, arbitrary: lifecycle('offline') },
    { weight: 3, arbitrary: lifecycle('online') },
    { weight: 1, arbitrary: lifecycle('syncNow') },
    { weight: 1, arbitrary: lifecycle('awaitSync') },
    { weight: 1, arbitrary: lifecycle('dropSockets') },
    { weight: 1, arbitrary: single(r.map((i): Op => ({ kind: 'restart', r: i }))) },
    {
      weight: 2,
      arbitrary: single(fc.record({ kind: fc.constant('pause' as const), ms: fc.nat(40) })),
    },
    // The same document edited on two browsers that cannot see each other's change: both go
    // offline, both edit, both come back. Without this, most edits would simply arrive in turn.
    { weight: 3, arbitrary: concurrentArb(replicas) },
    { weight: 2, arbitrary: deleteWhileChangingArb(replicas) },
  );
}

/**
 * Two entries of one hour that both browsers hold; then one browser deletes the first while
 * the other, unaware, changes the second (or, now and then, the same one): the deletion must
 * stand unless its own point was changed.
 */
function deleteWhileChangingArb(replicas: number): fc.Arbitrary<Op[]> {
  const valueArb = fc.integer({ min: 1, max: 150 });
  return fc
    .record({
      pair: fc.uniqueArray(fc.integer({ min: 0, max: replicas - 1 }), {
        minLength: 2,
        maxLength: 2,
      }),
      hour: fc.integer({ min: 0, max: 2 }),
      minutes: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }),
      same: fc.boolean(),
      values: fc.tuple(valueArb, valueArb, valueArb),
    })
    .map(({ pair: [a, b], hour, minutes: [m0, m1], same, values: [v0, v1, v2] }): Op[] => {
      const first = { hour, minute: m0! };
      const second = { hour, minute: same ? m0! : m1! };
      return [
        { kind: 'enter', r: a!, hour, minute: m0!, value: v0 },
        { kind: 'enter', r: a!, hour, minute: m1!, value: v1 },
        { kind: 'awaitSync', r: a! },
        { kind: 'awaitSync', r: b! },
        { kind: 'offline', r: a! },
        { kind: 'offline', r: b! },
        { kind: 'deleteEntry', r: a!, pick: 0, at: first },
        { kind: 'changeValue', r: b!, pick: 0, value: v2, at: second },
        { kind: 'online', r: a! },
        { kind: 'online', r: b! },
      ];
    });
}

function concurrentArb(replicas: number): fc.Arbitrary<Op[]> {
  const pair = fc
    .uniqueArray(fc.integer({ min: 0, max: replicas - 1 }), { minLength: 2, maxLength: 2 })
    .map(([a, b]) => [a!, b!] as const);
  return fc
    .record({
      pair,
      edit: editArb(0),
      values: fc.tuple(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 150 })),
      names: fc.uniqueArray(fc.constantFrom(...DEVICE_NAMES), { minLength: 2, maxLength: 2 }),
    })
    .map(({ pair: [a, b], edit, values, names }): Op[] => {
      const twice: [Edit, Edit] =
        edit.kind === 'enter'
          ? [
              { ...edit, r: a, value: values[0] },
              { ...edit, r: b, value: values[1] },
            ]
          : edit.kind === 'rename'
            ? [
                { ...edit, r: a, name: names[0]! },
                { ...edit, r: b, name: names[1]! },
              ]
            : edit.kind === 'goal'
              ? [
                  { ...edit, r: a, steps: values[0] * 100 },
                  { ...edit, r: b, steps: values[1] * 100 },
                ]
              : [
                  { ...edit, r: a },
                  { ...edit, r: b },
                ];
      return [
        { kind: 'offline', r: a },
        { kind: 'offline', r: b },
        ...twice,
        { kind: 'online', r: a },
        { kind: 'online', r: b },
      ];
    });
}

/** A run: how many browsers, and what happens, in order. */
export function scenarioArb(
  replicas: number,
  steps: { min: number; max: number },
): fc.Arbitrary<Op[]> {
  return fc
    .array(stepArb(replicas), { minLength: steps.min, maxLength: steps.max })
    .map((groups) => groups.flat());
}
