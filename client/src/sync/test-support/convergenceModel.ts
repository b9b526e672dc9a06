import type { DeviceDoc, HourCycle, InsightDoc, SeriesDoc, SettingsDoc } from '@hearth/schema';

/**
 * What the people in a convergence run wrote, in the order they wrote it, and what the server
 * must therefore hold once every browser has synced: no write lost, and where two browsers wrote
 * the same thing, one of their last writes, as sync-server/SPEC.md R16 resolves it:
 *
 * - series points merge three ways by (start, end): a change (a new point or a new value) beats a
 *   concurrent removal, a removal stands against concurrent changes of other points, and of two
 *   changes a browser's own wins. So a point whose last write (on any browser) entered it is on
 *   the server with the value some browser last gave it, unless another browser deleted it and
 *   that value is one it had before (a browser that wrote back the value it had synced changed
 *   nothing); a point whose last write deleted it may be there only with a value another browser
 *   wrote, not the one the deleting browser removed (unless another browser wrote it again
 *   after, or the deleting browser reloaded since: see `reloaded`), and never with a value
 *   nobody entered;
 * - devices and settings merge per client-owned field: a field ends with the value one browser
 *   last wrote, or untouched if none wrote it; a removed device stays removed;
 * - an acknowledgement is never undone.
 */
/** A write of one point: its new value, or null with the value the browser deleted (`held`). */
type PointEvent = { r: number; value: number | null; held?: number; seq: number };

export type ServerState = {
  series: SeriesDoc[];
  devices: DeviceDoc[];
  settings: SettingsDoc[];
  insights: InsightDoc[];
};

/** Per browser, the last value it wrote to one field. */
class LastWrites<T> {
  private readonly byReplica = new Map<number, T>();

  write(r: number, value: T): void {
    this.byReplica.set(r, value);
  }

  /** The values the field may end with: one of the last writes, or the initial value. */
  allowed(initial: T): T[] {
    return this.byReplica.size === 0 ? [initial] : [...this.byReplica.values()];
  }
}

export class Intentions {
  /** Manual entry points by start (each one minute long), every write in order. */
  private readonly points = new Map<number, PointEvent[]>();
  private readonly names = new Map<string, LastWrites<string>>();
  private readonly goal = new LastWrites<number | undefined>();
  private readonly hourCycle = new LastWrites<HourCycle | undefined>();
  private readonly acknowledged = new Set<string>();
  private watchRemoved = false;
  private watchDataDeleted = false;
  /** Orders point writes and reloads. */
  private seq = 0;
  /** Per browser, when it last reloaded. */
  private readonly reloads = new Map<number, number>();
  /** How many edits of each kind were made, so a run can show it exercised something. */
  readonly counts = new Map<string, number>();

  constructor(
    private readonly manualId: string,
    private readonly watchId: string,
    private readonly initial: ServerState,
  ) {}

  private count(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  entered(r: number, start: number, value: number): void {
    this.count('entered');
    const events = this.points.get(start) ?? [];
    events.push({ r, value, seq: ++this.seq });
    this.points.set(start, events);
  }

  /** Browser `r` deleted the point at `start`, which it held with the value `held`. */
  deletedEntry(r: number, start: number, held: number): void {
    this.count('deletedEntry');
    this.points.get(start)?.push({ r, value: null, held, seq: ++this.seq });
  }

  /**
   * Browser `r` reloaded. RxDB retries a failed push with the state the document had when the
   * push began, and does not record a push that a reload cut short: a deletion made meanwhile
   * then meets the server's copy of that older state with no state to merge against, and the
   * union brings the deleted point back (R16 without a base). Known, and allowed for only here.
   */
  reloaded(r: number): void {
    this.reloads.set(r, ++this.seq);
  }

  renamed(r: number, deviceId: string, name: string): void {
    this.count('renamed');
    const writes = this.names.get(deviceId) ?? new LastWrites<string>();
    writes.write(r, name);
    this.names.set(deviceId, writes);
  }

  removedWatch(): void {
    this.count('removedWatch');
    this.watchRemoved = true;
  }

  deletedWatchData(): void {
    this.count('deletedWatchData');
    this.watchDataDeleted = true;
  }

  setGoal(r: number, steps: number): void {
    this.count('setGoal');
    this.goal.write(r, steps);
  }

  setHourCycle(r: number, cycle: HourCycle): void {
    this.count('setHourCycle');
    this.hourCycle.write(r, cycle);
  }

  acknowledgedInsight(id: string): void {
    this.count('acknowledged');
    this.acknowledged.add(id);
  }

  /** Every way the server's final state breaks the rules above; empty when it keeps them. */
  violations(server: ServerState): string[] {
    return [
      ...this.pointViolations(server.series),
      ...this.watchSeriesViolations(server.series),
      ...this.deviceViolations(server.devices),
      ...this.settingsViolations(server.settings),
      ...this.insightViolations(server.insights),
    ];
  }

  private pointViolations(series: SeriesDoc[]): string[] {
    const found: string[] = [];
    const onServer = new Map<number, number>();
    for (const doc of series) {
      if (doc.deviceId !== this.manualId || doc._deleted) continue;
      for (const point of doc.points) onServer.set(point[0], point[2]);
    }
    for (const [start, events] of this.points) {
      const value = onServer.get(start);
      const last = events.at(-1)!;
      const entered = new Set(events.flatMap((e) => (e.value === null ? [] : [e.value])));
      if (last.value !== null) {
        const lastPerReplica = new Map(events.map((e) => [e.r, e.value]));
        const lastValues = [...lastPerReplica.values()].filter((v): v is number => v !== null);
        if (value === undefined) {
          if (!Intentions.revertedAgainstDelete(events)) found.push(`entry at ${start} lost`);
        } else if (!lastValues.includes(value)) {
          found.push(`entry at ${start} is ${value}, not one of ${lastValues.join(', ')}`);
        }
      } else if (value !== undefined) {
        const allowed = this.survivorsOfDelete(events);
        if (!entered.has(value)) {
          found.push(`entry at ${start} came back as ${value}, which nobody entered`);
        } else if (!allowed.includes(value)) {
          found.push(
            `entry at ${start}, deleted on browser ${last.r}, came back as ${value}` +
              ` (a concurrent write may keep only ${allowed.join(', ') || 'nothing'})`,
          );
        }
      }
    }
    for (const start of onServer.keys()) {
      if (!this.points.has(start)) found.push(`entry at ${start} appeared from nowhere`);
    }
    return found;
  }

  /**
   * Whether the last write of a point, kept by the rules unless it changed nothing, may have
   * changed nothing against a removal: another browser deleted the point, and the value written
   * last is one the point had before (the writer may have held it as synced).
   */
  private static revertedAgainstDelete(events: readonly PointEvent[]): boolean {
    const last = events.at(-1)!;
    const earlier = events.slice(0, -1);
    return (
      earlier.some((e) => e.value === null && e.r !== last.r) &&
      earlier.some((e) => e.value === last.value)
    );
  }

  /**
   * The values a point whose last write deleted it may still have: each other browser's last
   * value for it, except the value the deleting browser removed, unless that browser wrote it
   * again after the value first appeared (the removal of an unchanged point stands).
   */
  private survivorsOfDelete(events: readonly PointEvent[]): number[] {
    const last = events.at(-1)!;
    const reloadedSince = (this.reloads.get(last.r) ?? 0) > last.seq;
    const firstHeld = events.findIndex((e) => e.value === last.held);
    const lastPerReplica = new Map(events.map((e) => [e.r, e.value]));
    const allowed: number[] = [];
    for (const [r, value] of lastPerReplica) {
      if (r === last.r || value === null) continue;
      const rewritten = events.some((e, i) => i > firstHeld && e.r === r && e.value === value);
      if (value !== last.held || rewritten) allowed.push(value);
    }
    if (reloadedSince && last.held !== undefined) allowed.push(last.held);
    return allowed;
  }

  private watchSeriesViolations(series: SeriesDoc[]): string[] {
    const before = this.initial.series.filter((doc) => doc.deviceId === this.watchId);
    const after = series.filter((doc) => doc.deviceId === this.watchId);
    const found: string[] = [];
    for (const doc of before) {
      const now = after.find((s) => s.id === doc.id);
      if (!now) found.push(`watch series ${doc.id} is gone`);
      else if (now._deleted !== this.watchDataDeleted) {
        found.push(`watch series ${doc.id} is ${now._deleted ? '' : 'not '}deleted`);
      } else if (!now._deleted && JSON.stringify(now.points) !== JSON.stringify(doc.points)) {
        found.push(`watch series ${doc.id} changed its points`);
      }
    }
    return found;
  }

  private deviceViolations(devices: DeviceDoc[]): string[] {
    const found: string[] = [];
    for (const before of this.initial.devices) {
      const now = devices.find((d) => d.id === before.id);
      if (!now) {
        found.push(`device ${before.id} is gone`);
        continue;
      }
      const allowed = (this.names.get(before.id) ?? new LastWrites<string>()).allowed(before.name);
      if (!allowed.includes(now.name)) {
        found.push(`device ${before.id} is named ${now.name}, not one of ${allowed.join(', ')}`);
      }
      const removed = before.id === this.watchId && this.watchRemoved;
      if (now._deleted !== removed) {
        found.push(`device ${before.id} is ${now._deleted ? '' : 'not '}removed`);
      }
    }
    return found;
  }

  private settingsViolations(settings: SettingsDoc[]): string[] {
    const [before] = this.initial.settings;
    const [now] = settings;
    if (!before || !now) return ['no settings document'];
    const found: string[] = [];
    const goals = this.goal.allowed(before.goals.STEPS);
    if (!goals.includes(now.goals.STEPS)) {
      found.push(`the steps goal is ${now.goals.STEPS}, not one of ${goals.join(', ')}`);
    }
    const cycles = this.hourCycle.allowed(before.preferences.hourCycle);
    if (!cycles.includes(now.preferences.hourCycle)) {
      found.push(`the hour cycle is ${now.preferences.hourCycle}, not one of ${cycles.join(', ')}`);
    }
    return found;
  }

  private insightViolations(insights: InsightDoc[]): string[] {
    return [...this.acknowledged].flatMap((id) => {
      const now = insights.find((i) => i.id === id);
      return now?.acknowledged ? [] : [`the acknowledgement of insight ${id} was undone`];
    });
  }
}
