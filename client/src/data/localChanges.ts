import type { HealthDataType, LocalDate } from '@hearth/schema';
import { BehaviorSubject } from 'rxjs';
import type { KeyValueStore } from '../sync/syncTracker.js';

/** A (type, local day) whose canonical rollup may not include this device's latest writes yet. */
export type ChangedDay = `${HealthDataType}|${LocalDate}`;

/**
 * The change position an upload reached (the push's answer, sync-server/SPEC.md R15), or null
 * while the change has not been uploaded. The server's rollups include the change once the
 * replicated watermark (`freshness`) reaches it.
 */
export type UploadPosition = number | null;

export type LocalChangesState = {
  days: ReadonlyMap<ChangedDay, UploadPosition>;
  /** Client time the time zone or source priority was last changed here, or null. */
  settingsChangedAt: number | null;
  /** Where the upload of that settings change reached (null: not yet). */
  settingsUploadedAt: UploadPosition;
};

export function changedDay(type: HealthDataType, day: LocalDate): ChangedDay {
  return `${type}|${day}`;
}

export function parseChangedDay(key: ChangedDay): { type: HealthDataType; day: LocalDate } {
  const [type, day] = key.split('|') as [HealthDataType, LocalDate];
  return { type, day };
}

const later = (a: UploadPosition, b: number) => (a === null || b > a ? b : a);

type Persisted = {
  days?: unknown;
  settingsChangedAt?: unknown;
  settingsUploadedAt?: unknown;
};

const position = (value: unknown): UploadPosition =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;

/**
 * Days as saved: `[day, position]` pairs, or bare days, saved by a version that did not know
 * positions. Those count as uploaded at 0: what of them still waits to upload is kept by its
 * pending series and gets its position when it is pushed; the rest the server has had since.
 */
function loadDays(raw: unknown): Map<ChangedDay, UploadPosition> {
  const days = new Map<ChangedDay, UploadPosition>();
  if (!Array.isArray(raw)) return days;
  for (const entry of raw) {
    if (typeof entry === 'string') days.set(entry as ChangedDay, 0);
    else if (Array.isArray(entry) && typeof entry[0] === 'string') {
      days.set(entry[0] as ChangedDay, position(entry[1]));
    }
  }
  return days;
}

/**
 * The days this device changed whose changes the server's rollups do not include yet, each with
 * the position its upload reached. Screens compute those days on the device from the local
 * series (SPECIFICATION.md §4); everything else comes from the replicated rollups. Persisted, so
 * an offline reload still knows. `pruneLocalChanges` forgets a day once nothing of it waits to
 * upload and the watermark covers its upload.
 */
export class LocalChanges {
  readonly state$: BehaviorSubject<LocalChangesState>;
  /** Local writes so far in this session, and the last one of each day (not persisted). */
  private writes = 0;
  private readonly lastWrite = new Map<ChangedDay, number>();

  constructor(
    private readonly store: KeyValueStore | null,
    private readonly key: string,
  ) {
    this.state$ = new BehaviorSubject(this.load());
  }

  get state(): LocalChangesState {
    return this.state$.value;
  }

  /** How many local writes this session made; an upload started now holds at most these. */
  get writeCount(): number {
    return this.writes;
  }

  /** Days changed by a local write: not uploaded, whatever an earlier upload reached. */
  addDays(entries: Iterable<ChangedDay>): void {
    const write = ++this.writes;
    const days = new Map(this.state.days);
    let changed = false;
    for (const entry of entries) {
      this.lastWrite.set(entry, write);
      changed ||= days.get(entry) !== null;
      days.set(entry, null);
    }
    if (changed) this.save({ ...this.state, days });
  }

  /**
   * An upload holding these days' series reached `at`. A day keeps the latest position, and a
   * day written after the upload started (`writeCount` then: `writesBefore`) is left waiting
   * for the upload that carries that write.
   */
  uploaded(entries: Iterable<ChangedDay>, at: number, writesBefore = Infinity): void {
    const days = new Map(this.state.days);
    let changed = false;
    for (const entry of entries) {
      if (!days.has(entry) || (this.lastWrite.get(entry) ?? 0) > writesBefore) continue;
      const next = later(days.get(entry) ?? null, at);
      changed ||= next !== days.get(entry);
      days.set(entry, next);
    }
    if (changed) this.save({ ...this.state, days });
  }

  /**
   * Forgets days the server caught up with, each only if it is still as it was checked: a day
   * written or uploaded again meanwhile stays.
   */
  forgetDays(checked: Iterable<[ChangedDay, UploadPosition]>): void {
    const days = new Map(this.state.days);
    let changed = false;
    for (const [entry, at] of checked) {
      if (days.has(entry) && days.get(entry) === at) changed = days.delete(entry) || changed;
    }
    if (changed) this.save({ ...this.state, days });
  }

  settingsChanged(at: number): void {
    this.save({ ...this.state, settingsChangedAt: at, settingsUploadedAt: null });
  }

  settingsUploaded(at: number): void {
    const { settingsChangedAt, settingsUploadedAt } = this.state;
    if (settingsChangedAt === null) return;
    const next = later(settingsUploadedAt, at);
    if (next !== settingsUploadedAt) this.save({ ...this.state, settingsUploadedAt: next });
  }

  /** Forgets the settings change if it is still the one that was checked. */
  clearSettingsChange(checked: { changedAt: number; uploadedAt: UploadPosition }): void {
    const { settingsChangedAt, settingsUploadedAt } = this.state;
    if (settingsChangedAt !== checked.changedAt || settingsUploadedAt !== checked.uploadedAt) {
      return;
    }
    this.save({ ...this.state, settingsChangedAt: null, settingsUploadedAt: null });
  }

  private load(): LocalChangesState {
    try {
      const raw = JSON.parse(this.store?.getItem(this.key) ?? 'null') as Persisted | null;
      const at = typeof raw?.settingsChangedAt === 'number' ? raw.settingsChangedAt : null;
      return {
        days: loadDays(raw?.days),
        settingsChangedAt: at,
        settingsUploadedAt: at === null ? null : (position(raw?.settingsUploadedAt) ?? 0),
      };
    } catch {
      return { days: new Map(), settingsChangedAt: null, settingsUploadedAt: null };
    }
  }

  private save(state: LocalChangesState): void {
    const json = {
      days: [...state.days],
      settingsChangedAt: state.settingsChangedAt,
      settingsUploadedAt: state.settingsUploadedAt,
    };
    this.store?.setItem(this.key, JSON.stringify(json));
    this.state$.next(state);
  }
}
