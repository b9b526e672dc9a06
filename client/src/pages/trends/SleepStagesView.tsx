import type { SleepNight } from '@hearth/core';
import type { LocalDate } from '@hearth/schema';
import { useState } from 'react';
import { LoadError } from '../../components/LoadError.js';
import { Hypnogram } from '../../charts/Hypnogram.js';
import { SleepStageBars } from '../../charts/SleepStageBars.js';
import { bedAndWake, nightName, STACK_ORDER, STAGE_LABEL } from '../../charts/sleepStages.js';
import { format } from '../../format/currentFormat.js';
import { useSleepNights } from './useSleepNights.js';

type Props = {
  /** The nights of the range (sleep days), oldest first. */
  dates: readonly LocalDate[];
  timeZone: string;
};

function NightsTable({ nights, timeZone }: { nights: readonly SleepNight[]; timeZone: string }) {
  const f = format();
  const minutes = (m: number) => (m > 0 ? f.duration(m) : '–');
  return (
    <div className="sleep-table" role="region" aria-label="Sleep stages by night" tabIndex={0}>
      <table className="data-table">
        <caption className="visually-hidden">Sleep stages by night</caption>
        <thead>
          <tr>
            <th scope="col">Night ending</th>
            <th scope="col">Bedtime</th>
            <th scope="col">Wake time</th>
            <th scope="col">Asleep</th>
            {STACK_ORDER.map((s) => (
              <th key={s} scope="col">
                {STAGE_LABEL[s]}
              </th>
            ))}
            <th scope="col">In bed</th>
          </tr>
        </thead>
        <tbody>
          {[...nights].reverse().map((n) => {
            const { bedtime, wake } = bedAndWake(n, timeZone);
            return (
              <tr key={n.night}>
                <th scope="row">{nightName(n)}</th>
                <td>{bedtime}</td>
                <td>{wake}</td>
                <td>{minutes(n.asleepMinutes)}</td>
                {STACK_ORDER.map((s) => (
                  <td key={s}>{minutes(n.minutes[s])}</td>
                ))}
                <td>{minutes(n.minutes.inBed)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Sleep as people know it: the chosen night's stages with bedtime and wake time, and the range's
 * nights as stacked stage bars, with a table of the same figures. The totals above stay "asleep"
 * (the rollups); this reads the stages from the local series, so it works offline.
 */
export function SleepStagesView({ dates, timeZone }: Props) {
  const {
    value: nights,
    error,
    retry,
  } = useSleepNights(dates[0] ?? '', dates[dates.length - 1] ?? '');
  if (dates.length === 0) return null;
  if (error) return <LoadError what="The sleep stages" error={error} onRetry={retry} />;
  if (!nights) return <p role="status">Loading sleep stages…</p>;
  return <SleepStagesPanel dates={dates} nights={nights} timeZone={timeZone} />;
}

/** The drawing and the figures of the nights of a range (no data access: tested alone). */
export function SleepStagesPanel({ dates, nights, timeZone }: Props & { nights: SleepNight[] }) {
  const [chosen, setChosen] = useState<LocalDate | null>(null);
  if (nights.length === 0) {
    return (
      <section aria-labelledby="sleep-stages-heading">
        <h2 id="sleep-stages-heading">Sleep stages</h2>
        <p>No nights with sleep data in this range.</p>
      </section>
    );
  }
  const night = nights.find((n) => n.night === chosen) ?? nights[nights.length - 1]!;
  return (
    <section aria-labelledby="sleep-stages-heading" className="sleep-stages">
      <h2 id="sleep-stages-heading">Sleep stages</h2>
      <div className="toolbar">
        <div>
          <label htmlFor="sleep-night">Night ending</label>
          <select id="sleep-night" value={night.night} onChange={(e) => setChosen(e.target.value)}>
            {[...nights].reverse().map((n) => (
              <option key={n.night} value={n.night}>
                {nightName(n)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Hypnogram night={night} timeZone={timeZone} />
      <h3>Stages by night</h3>
      <SleepStageBars dates={dates} nights={nights} selected={night.night} timeZone={timeZone} />
      <details>
        <summary>Show the stages as a table</summary>
        <NightsTable nights={nights} timeZone={timeZone} />
      </details>
    </section>
  );
}
