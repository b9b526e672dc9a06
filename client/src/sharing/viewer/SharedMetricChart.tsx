import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, LinePath } from '@visx/shape';
import type { HealthDataType } from '@hearth/schema';
import { useElementWidth } from '../../components/useElementWidth.js';
import { formatAxisValue } from '../../format/metricFormat.js';
import { axisDates, valueTicks, type ChartDay, type SharedChartData } from './sharedChartData.js';
import { formatShortDay } from './summaryText.js';
import '../../charts/partialPeriod.css';

// Drawn at the width it is shown at, so an 11 px label renders 11 px tall on a phone too (a fixed
// drawing scaled down by the viewBox made them 7 px); the viewBox still scales it onto paper.
const DEFAULT_WIDTH = 560;
const HEIGHT = 170;
const MARGIN = { top: 10, right: 12, bottom: 28, left: 52 };
// Colours come from styles.css (.visx-axis-*), so the axes follow the colour scheme.
const TICK_LABEL = { fontSize: 11, fontFamily: 'inherit' } as const;
/** Room one date label needs on the time axis. */
const DATE_LABEL_WIDTH = 64;

type Props = { type: HealthDataType; data: SharedChartData; label: string };

const hasValue = (d: ChartDay): d is ChartDay & { value: number } => d.value !== null;

/** A small daily chart of one shared metric. The numbers are also in the table beside it. */
export function SharedMetricChart({ type, data, label }: Props) {
  const [frameRef, width] = useElementWidth<HTMLDivElement>(DEFAULT_WIDTH);
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleBand<string>({
    domain: data.days.map((d) => d.date),
    range: [0, innerWidth],
    padding: data.days.length > 60 ? 0.05 : 0.2,
  });
  const y = scaleLinear<number>({ domain: data.yDomain, range: [innerHeight, 0], nice: true });
  const center = (d: ChartDay) => (x(d.date) ?? 0) + x.bandwidth() / 2;
  const [yLow = 0, yHigh = 1] = y.domain();
  const ticks = valueTicks(type, [yLow, yHigh]);
  // "Dec 26" alone hides which December: the year joins each tick when the range spans two.
  const spansYears = data.days[0]?.date.slice(0, 4) !== data.days.at(-1)?.date.slice(0, 4);

  const dateTicks = Math.min(6, Math.max(2, Math.floor(innerWidth / DATE_LABEL_WIDTH)));

  return (
    <div ref={frameRef}>
      <svg
        className="shared-chart"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMidYMid meet"
      >
        <Group left={MARGIN.left} top={MARGIN.top}>
          {data.kind === 'bars' ? (
            data.days
              .filter(hasValue)
              .map((d) => (
                <Bar
                  key={d.date}
                  x={x(d.date)}
                  y={y(d.value)}
                  width={x.bandwidth()}
                  height={Math.max(0, innerHeight - y(d.value))}
                  className={`chart-bar${d.partial ? ' chart-bar--partial' : ''}`}
                />
              ))
          ) : (
            <>
              {data.days
                .filter(hasValue)
                .map((d) =>
                  d.min !== null && d.max !== null ? (
                    <Bar
                      key={`range-${d.date}`}
                      x={center(d) - 1.5}
                      y={y(d.max)}
                      width={3}
                      height={Math.max(1, y(d.min) - y(d.max))}
                      className="chart-range"
                    />
                  ) : null,
                )}
              <LinePath
                data={data.days}
                x={center}
                y={(d) => y(d.value ?? 0)}
                defined={hasValue}
                className="chart-line"
              />
              {data.days.filter(hasValue).map((d) => (
                <circle
                  key={d.date}
                  cx={center(d)}
                  cy={y(d.value)}
                  r={2.5}
                  className={`chart-dot${d.partial ? ' chart-dot--partial' : ''}`}
                />
              ))}
            </>
          )}
          <AxisLeft
            scale={y}
            numTicks={4}
            {...(ticks ? { tickValues: ticks } : {})}
            tickFormat={(v) => formatAxisValue(type, Number(v))}
            tickLabelProps={() => ({ ...TICK_LABEL, textAnchor: 'end', dx: -4, dy: 3 })}
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={axisDates(data.days, dateTicks)}
            tickFormat={(d) => formatShortDay(String(d), spansYears)}
            tickLabelProps={() => ({ ...TICK_LABEL, textAnchor: 'middle' })}
          />
        </Group>
      </svg>
    </div>
  );
}
