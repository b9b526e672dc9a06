import type { SleepNight } from '@hearth/core';
import type { LocalDate, SleepStage } from '@hearth/schema';
import { STAGE_LABEL } from '../../charts/sleepStages.js';
import { format } from '../../format/currentFormat.js';
import { useSleepNights } from '../trends/useSleepNights.js';
import '../../charts/sleepStages.css';
import './lastNight.css';

/** The stages the line names, in the order a sleep app lists them; "asleep" is the total. */
const NAMED: readonly SleepStage[] = ['deep', 'rem', 'core', 'awake'];
/** The bar, left to right, as the night's share of each stage. */
const BAR: readonly SleepStage[] = ['deep', 'core', 'rem', 'asleep', 'awake'];

const stageWord = (stage: SleepStage) =>
  stage === 'rem' ? 'REM' : STAGE_LABEL[stage].toLowerCase();

/**
 * "6 h 40 min asleep · 1 h 10 min deep · 1 h 30 min REM": a night in one line, or null when its
 * sources record no stages (the card's figure already says how long, and a line repeating it
 * would add nothing).
 */
export function lastNightText(night: SleepNight): string | null {
  const staged = night.minutes.deep + night.minutes.rem + night.minutes.core > 0;
  if (!staged) return null;
  const f = format();
  const parts = NAMED.filter((stage) => night.minutes[stage] > 0).map(
    (stage) => `${f.duration(night.minutes[stage])} ${stageWord(stage)}`,
  );
  return [`${f.duration(night.asleepMinutes)} asleep`, ...parts].join(' · ');
}

/** The line and a one-line stacked bar of the same night (no data access: tested alone). */
export function LastNightStagesLine({ night }: { night: SleepNight }) {
  const text = lastNightText(night);
  if (!text) return null;
  const total = BAR.reduce((sum, stage) => sum + night.minutes[stage], 0);
  return (
    <div className="last-night">
      {/* The text says it all; the bar only shows the proportions at a glance. */}
      <div className="last-night__bar" aria-hidden="true">
        {BAR.filter((stage) => night.minutes[stage] > 0).map((stage) => (
          <span
            key={stage}
            className={`sleep-stage--${stage}`}
            style={{ width: `${(100 * night.minutes[stage]) / total}%` }}
          />
        ))}
      </div>
      <p className="card__detail">{text}</p>
    </div>
  );
}

/** Last night's stages on the dashboard's sleep card, read from the local series (offline). */
export function LastNightStages({ night }: { night: LocalDate }) {
  const { value: nights } = useSleepNights(night, night);
  const found = nights?.find((n) => n.night === night);
  // Loading or failing, the card's figure still stands on its own: nothing extra to show.
  return found ? <LastNightStagesLine night={found} /> : null;
}
