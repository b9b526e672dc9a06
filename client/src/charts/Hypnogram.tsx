import type { SleepNight } from '@hearth/core';
import { AxisBottom } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleTime } from '@visx/scale';
import { useElementWidth } from '../components/useElementWidth.js';
import { format } from '../format/currentFormat.js';
import { bedAndWake, hypnogramRows, nightSummary, STAGE_LABEL } from './sleepStages.js';
import './sleepStages.css';

const ROW_HEIGHT = 30;
const IN_BED_HEIGHT = 12;
const MARGIN = { top: 8, right: 16, bottom: 40, left: 72 };
const TICK_LABEL = { fontSize: 12, fontFamily: 'inherit' } as const;
const HOUR_MS = 3_600_000;

type Props = { night: SleepNight; timeZone: string };

/** Hour ticks between bedtime and wake time, fewer on a narrow screen. */
function hourTicks(fromMs: number, toMs: number, width: number): number[] {
  const hours = (toMs - fromMs) / HOUR_MS;
  const every = Math.max(1, Math.ceil(hours / Math.max(1, Math.floor(width / 56))));
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / HOUR_MS) * HOUR_MS; t <= toMs; t += every * HOUR_MS)
    ticks.push(t);
  return ticks;
}

/**
 * One night's stages as rows (awake at the top, deep at the bottom) over its time in bed, with
 * bedtime and wake time. The drawing is hidden from screen readers: the summary under it says
 * the same.
 */
export function Hypnogram({ night, timeZone }: Props) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const rows = hypnogramRows(night);
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const stagesHeight = rows.length * ROW_HEIGHT;
  const innerHeight = stagesHeight + IN_BED_HEIGHT + 8;
  const x = scaleTime<number>({
    domain: [new Date(night.bedtimeMs), new Date(night.wakeMs)],
    range: [0, innerWidth],
  });
  const y = scaleBand<string>({ domain: rows, range: [0, stagesHeight], padding: 0.15 });
  const { bedtime, wake } = bedAndWake(night, timeZone);
  const xOf = (ms: number) => x(new Date(ms));
  const clock = (ms: number) => format().date(ms, 'time', timeZone);

  return (
    <figure className="sleep-chart" ref={containerRef}>
      <p className="sleep-chart__times">
        <span>
          Bedtime <strong>{bedtime}</strong>
        </span>
        <span>
          Wake time <strong>{wake}</strong>
        </span>
      </p>
      <svg
        width={width}
        height={innerHeight + MARGIN.top + MARGIN.bottom}
        aria-hidden="true"
        focusable="false"
      >
        <Group left={MARGIN.left} top={MARGIN.top}>
          {rows.map((row) => (
            <text
              key={row}
              x={-8}
              y={(y(row) ?? 0) + y.bandwidth() / 2}
              textAnchor="end"
              dominantBaseline="middle"
              className="sleep-chart__label"
            >
              {STAGE_LABEL[row].replace(', no stage', '')}
            </text>
          ))}
          {night.stages.map((s) => (
            <rect
              key={`${s.startMs}-${s.stage}`}
              x={xOf(s.startMs)}
              y={y(s.stage) ?? 0}
              width={Math.max(1, xOf(s.endMs) - xOf(s.startMs))}
              height={y.bandwidth()}
              className={`sleep-stage sleep-stage--${s.stage}`}
            />
          ))}
          <text
            x={-8}
            y={stagesHeight + 4 + IN_BED_HEIGHT / 2}
            textAnchor="end"
            dominantBaseline="middle"
            className="sleep-chart__label"
          >
            In bed
          </text>
          {night.inBed.map((s) => (
            <rect
              key={s.startMs}
              x={xOf(s.startMs)}
              y={stagesHeight + 4}
              width={Math.max(1, xOf(s.endMs) - xOf(s.startMs))}
              height={IN_BED_HEIGHT}
              className="sleep-stage sleep-stage--inBed"
            />
          ))}
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={hourTicks(night.bedtimeMs, night.wakeMs, innerWidth).map(
              (t) => new Date(t),
            )}
            tickFormat={(v) => clock((v as Date).valueOf())}
            tickLabelProps={{ ...TICK_LABEL, textAnchor: 'middle' }}
          />
        </Group>
      </svg>
      <figcaption className="chart-summary">{nightSummary(night, timeZone)}</figcaption>
    </figure>
  );
}
