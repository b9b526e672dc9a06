import type { HealthDataType, LocalDate } from '@hearth/schema';
import { BehaviorSubject } from 'rxjs';
import type { KeyValueStore } from '../sync/syncTracker.js';

/** A (type, local day) whose canonical rollup may not include this device's latest writes yet. */
export type ChangedDay = `${HealthDataType}|${LocalDate}`;

export type LocalChangesState = {
  days: ReadonlySet<ChangedDay>;
  /** Client time the time zone or source priority was last changed here, or null. */
  settingsChangedAt: number | null;
};

/**
 * How long after a time-zone or priority change made here the server's rollups are not trusted
 * unless written after the change reached the server; older changes are assumed applied.
 */
export const SETTINGS_CATCH_UP_MS = 10 * 60_000;

export function changedDay(type: HealthDataType, day: LocalDate): ChangedDay {
  return `${type}|${day}`;
}

export function parseChangedDay(key: ChangedDay): { type: HealthDataType; day: LocalDate } {
  const [type, day] = key.split('|') as [HealthDataType, LocalDate];
  return { type, day };
}

/**
 * The days this device changed and whose server rollups have not caught up yet. Screens compute
 * those days on the device from the local series (SPECIFICATION.md §4); everything else comes from the
 * replicated rollups. Persisted, so an offline reload still knows. A background check
 * (`pruneLocalChanges`) forgets a day once its series are uploaded and its rollup is newer.
 */
export class LocalChanges {
  readonly state$: BehaviorSubject<LocalChangesState>;

  constructor(
    private readonly store: KeyValueStore | null,
    private readonly key: string,
  ) {
    this.state$ = new BehaviorSubject(this.load());
  }

  get state(): LocalChangesState {
    return this.state$.value;
  }

  addDays(entries: Iterable<ChangedDay>): void {
    const days = new Set(this.state.days);
    const before = days.size;
    for (const entry of entries) days.add(entry);
    if (days.size !== before) this.save({ ...this.state, days });
  }

  removeDays(entries: Iterable<ChangedDay>): void {
    const days = new Set(this.state.days);
    let changed = false;
    for (const entry of entries) changed = days.delete(entry) || changed;
    if (changed) this.save({ ...this.state, days });
  }

  settingsChanged(at: number): void {
    this.save({ ...this.state, settingsChangedAt: at });
  }

  clearSettingsChange(): void {
    if (this.state.settingsChangedAt !== null)
      this.save({ ...this.state, settingsChangedAt: null });
  }

  private load(): LocalChangesState {
    try {
      const raw = JSON.parse(this.store?.getItem(this.key) ?? 'null') as {
        days?: unknown;
        settingsChangedAt?: unknown;
      } | null;
      const days = Array.isArray(raw?.days) ? (raw.days as ChangedDay[]) : [];
      const at = typeof raw?.settingsChangedAt === 'number' ? raw.settingsChangedAt : null;
      return { days: new Set(days), settingsChangedAt: at };
    } catch {
      return { days: new Set(), settingsChangedAt: null };
    }
  }

  private save(state: LocalChangesState): void {
    const json = { days: [...state.days], settingsChangedAt: state.settingsChangedAt };
    this.store?.setItem(this.key, JSON.stringify(json));
    this.state$.next(state);
  }
}
