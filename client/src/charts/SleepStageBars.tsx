import type { SleepNight } from '@hearth/core';
import type { LocalDate } from '@hearth/schema';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { useElementWidth } from '../components/useElementWidth.js';
import { format } from '../format/currentFormat.js';
import { tickStep } from './tickStep.js';
import { nightSummary, shortDate, STACK_ORDER, STAGE_LABEL } from './sleepStages.js';
import './sleepStages.css';

const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 40, left: 60 };
const TICK_LABEL = { fontSize: 12, fontFamily: 'inherit' } as const;

type Props = {
  /** Every night of the range, oldest first; those without data have no bar. */
  dates: readonly LocalDate[];
  nights: readonly SleepNight[];
  /** The night the hypnogram shows, outlined. */
  selected: LocalDate | null;
  /** The person's zone, for the bedtime and wake time a bar's tooltip says. */
  timeZone: string;
};

/** The legend: the stages bottom to top, then the time in bed drawn behind them. */
const LEGEND_ORDER = [...STACK_ORDER, 'inBed'] as const;

/** Whole hours up to the longest night: sleep reads in hours, not 8.3 h. */
function hourTicks(maxMinutes: number): number[] {
  const hours = Math.max(1, Math.ceil(maxMinutes / 60));
  const every = Math.max(1, Math.ceil(hours / 5));
  const ticks: number[] = [];
  for (let h = 0; h <= hours; h += every) ticks.push(h * 60);
  return ticks;
}

/**
 * One bar per night, stacked by stage (deep at the bottom, awake on top) in front of the night's
 * time in bed, with a tooltip of its stages, bedtime and wake time. Hidden from screen readers:
 * the table of nights next to it says the same.
 */
export function SleepStageBars({ dates, nights, selected, timeZone }: Props) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const byDate = new Map(nights.map((n) => [n.night, n]));
  const stacked = (n: SleepNight) => STACK_ORDER.reduce((sum, s) => sum + n.minutes[s], 0);
  const longest = Math.max(60, ...nights.map(stacked), ...nights.map((n) => n.minutes.inBed));
  const ticks = hourTicks(longest);
  const x = scaleBand<string>({ domain: [...dates], range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear<number>({
    domain: [0, ticks[ticks.length - 1] ?? longest],
    range: [innerHeight, 0],
  });
  const f = format();
  // "Mon 14 Sept" is wider than the trend chart's labels: about one per 96 px.
  const step = tickStep(dates.length, innerWidth, 96);

  return (
    <div className="sleep-chart" ref={containerRef}>
      <ul className="sleep-legend">
        {LEGEND_ORDER.filter((s) => nights.some((n) => n.minutes[s] > 0)).map((s) => (
          <li key={s}>
            <span className={`sleep-legend__swatch sleep-stage--${s}`} aria-hidden="true" />
            {STAGE_LABEL[s]}
          </li>
        ))}
      </ul>
      <svg width={width} height={HEIGHT} aria-hidden="true" focusable="false">
        <Group left={MARGIN.left} top={MARGIN.top}>
          {dates.map((date) => {
            const night = byDate.get(date);
            if (!night) return null;
            let base = 0;
            const inBed = night.minutes.inBed;
            return (
              <g key={date} className={date === selected ? 'sleep-bar--selected' : undefined}>
                {/* A pointer's tooltip; screen readers read the table of nights instead. */}
                <title>{nightSummary(night, timeZone)}</title>
                {inBed > 0 && (
                  // Time in bed is an envelope around the stages, not a stage of its own: drawn
                  // behind the stack, it shows above it as the time in bed not asleep.
                  <rect
                    x={x(date)}
                    y={y(inBed)}
                    width={x.bandwidth()}
                    height={Math.max(0, innerHeight - y(inBed))}
                    className="sleep-stage sleep-stage--inBed"
                  />
                )}
                {STACK_ORDER.map((stage) => {
                  const minutes = night.minutes[stage];
                  if (minutes <= 0) return null;
                  const top = y(base + minutes);
                  const height = y(base) - top;
                  base += minutes;
                  return (
                    <rect
                      key={stage}
                      x={x(date)}
                      y={top}
                      width={x.bandwidth()}
                      height={Math.max(0, height)}
                      className={`sleep-stage sleep-stage--${stage}`}
                    />
                  );
                })}
              </g>
            );
          })}
          <AxisLeft
            scale={y}
            tickValues={ticks}
            tickFormat={(v) => `${f.number(Number(v) / 60)} h`}
            tickLabelProps={TICK_LABEL}
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={dates.filter((_, i) => i % step === 0)}
            tickFormat={(v) => shortDate(String(v))}
            tickLabelProps={{ ...TICK_LABEL, textAnchor: 'middle' }}
          />
        </Group>
      </svg>
    </div>
  );
}
