import { AxisBottom, AxisLeft } from '@visx/axis';
import { localPoint } from '@visx/event';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, Line, LinePath } from '@visx/shape';
import type { AggregationPeriod, HealthDataType } from '@hearth/schema';
import { useId, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { tooltipLeft } from '../../components/tooltipPosition.js';
import { useElementWidth } from '../../components/useElementWidth.js';
import { valueTicks } from '../../charts/valueTicks.js';
import { formatAxisValue } from '../../format/metricFormat.js';
import { tickStep } from '../../charts/tickStep.js';
import type { TrendChartData, TrendPoint } from './trendChartData.js';
import '../../charts/partialPeriod.css';

const HEIGHT = 300;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 60 };
// Colours come from styles.css (.visx-axis-*), so the axes follow the colour scheme.
const TICK_LABEL = { fontSize: 12, fontFamily: 'inherit' } as const;

type Props = {
  data: TrendChartData;
  type: HealthDataType;
  period: AggregationPeriod;
  title: string;
};

const hasValue = (p: TrendPoint): p is TrendPoint & { value: number } => p.value !== null;

/**
 * A bar (sums) or line (averages, latest values) chart with a value axis, a time axis and a
 * tooltip. Keyboard: focus the chart and use the arrow keys, Home and End to read each bucket.
 */
export function TrendChart({ data, type, period, title }: Props) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const [active, setActive] = useState<number | null>(null);
  const ids = useId();
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { points } = data;

  const x = scaleBand<number>({
    domain: points.map((p) => p.startMs),
    range: [0, innerWidth],
    padding: points.length > 60 ? 0.1 : 0.25,
  });
  const y = scaleLinear<number>({ domain: data.yDomain, range: [innerHeight, 0], nice: true });
  const [yLow, yHigh] = y.domain() as [number, number];
  const valueTickList = valueTicks(type, [yLow, yHigh]);
  const center = (p: TrendPoint) => (x(p.startMs) ?? 0) + x.bandwidth() / 2;
  const step = tickStep(points.length, innerWidth);
  const labels = new Map(points.map((p) => [p.startMs, p.axisLabel]));
  const tickValues = points.filter((_, i) => i % step === 0).map((p) => p.startMs);
  const activePoint = active === null ? null : (points[active] ?? null);

  const pointAt = (event: MouseEvent<SVGRectElement>) => {
    const position = localPoint(event);
    if (!position || points.length === 0) return;
    const index = Math.floor((position.x - MARGIN.left) / (innerWidth / points.length));
    setActive(Math.max(0, Math.min(points.length - 1, index)));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const last = points.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: Math.min(last, (active ?? -1) + 1),
      ArrowLeft: Math.max(0, (active ?? points.length) - 1),
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next === undefined || last < 0) return;
    event.preventDefault();
    setActive(next);
  };

  return (
    <div className="chart" ref={containerRef}>
      <div
        className="chart__plot"
        tabIndex={0}
        role="group"
        aria-label={`${title} chart. Use the left and right arrow keys to read each ${period}.`}
        aria-describedby={`${ids}-summary`}
        onKeyDown={onKeyDown}
        onBlur={() => setActive(null)}
      >
        <svg width={width} height={HEIGHT} aria-hidden="true" focusable="false">
          <Group left={MARGIN.left} top={MARGIN.top}>
            {data.kind === 'bars' ? (
              points
                .filter(hasValue)
                .map((p) => (
                  <Bar
                    key={p.startMs}
                    x={x(p.startMs)}
                    y={y(p.value)}
                    width={x.bandwidth()}
                    height={Math.max(0, innerHeight - y(p.value))}
                    className={`chart-bar${p.computedOnDevice ? ' chart-bar--local' : ''}${p.partial ? ' chart-bar--partial' : ''}${activePoint === p ? ' chart-bar--active' : ''}`}
                  />
                ))
            ) : (
              <>
                {points
                  .filter(hasValue)
                  .map((p) =>
                    p.min !== null && p.max !== null ? (
                      <Bar
                        key={`range-${p.startMs}`}
                        x={center(p) - 2}
                        y={y(p.max)}
                        width={4}
                        height={Math.max(1, y(p.min) - y(p.max))}
                        className="chart-range"
                      />
                    ) : null,
                  )}
                <LinePath
                  data={points}
                  x={center}
                  y={(p) => y(p.value ?? 0)}
                  defined={hasValue}
                  className="chart-line"
                />
                {points.filter(hasValue).map((p) => (
                  <circle
                    key={p.startMs}
                    cx={center(p)}
                    cy={y(p.value)}
                    r={activePoint === p ? 5 : 3}
                    className={`chart-dot${p.computedOnDevice ? ' chart-dot--local' : ''}${p.partial ? ' chart-dot--partial' : ''}`}
                  />
                ))}
              </>
            )}
            {data.goal !== null && (
              <>
                <Line
                  from={{ x: 0, y: y(data.goal) }}
                  to={{ x: innerWidth, y: y(data.goal) }}
                  className="chart-goal"
                />
                <text
                  x={innerWidth}
                  y={y(data.goal) - 4}
                  textAnchor="end"
                  className="chart-goal-label"
                >
                  Goal
                </text>
              </>
            )}
            {activePoint && (
              <Line
                from={{ x: center(activePoint), y: 0 }}
                to={{ x: center(activePoint), y: innerHeight }}
                className="chart-cursor"
              />
            )}
            <AxisLeft
              scale={y}
              numTicks={5}
              {...(valueTickList ? { tickValues: valueTickList } : {})}
              tickFormat={(v) => formatAxisValue(type, Number(v))}
              tickLabelProps={TICK_LABEL}
            />
            <AxisBottom
              top={innerHeight}
              scale={x}
              tickValues={tickValues}
              tickFormat={(v) => labels.get(Number(v)) ?? ''}
              tickLabelProps={{ ...TICK_LABEL, textAnchor: 'middle' }}
            />
            <rect
              width={innerWidth}
              height={innerHeight}
              fill="transparent"
              onMouseMove={pointAt}
              onMouseLeave={() => setActive(null)}
            />
          </Group>
        </svg>
        {activePoint && (
          <div
            className="chart-tooltip"
            ref={(el) => {
              if (!el) return;
              // Kept inside the chart, so inside a phone's screen too.
              const anchor = MARGIN.left + center(activePoint);
              el.style.left = `${tooltipLeft(anchor, el.offsetWidth, width)}px`;
              el.style.top = `${MARGIN.top}px`;
            }}
          >
            {activePoint.description}
          </div>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {activePoint?.description ?? ''}
      </p>
      <p id={`${ids}-summary`} className="chart-summary">
        {data.summary}
      </p>
    </div>
  );
}
