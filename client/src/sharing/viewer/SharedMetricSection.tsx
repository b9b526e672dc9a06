import { useId, type ReactNode } from 'react';
import type { HealthDataType, SharedData } from '@hearth/schema';
import { formatMetricValue, metricName } from '../../format/metricFormat.js';
import type { DayValue, MetricSummary } from './metricSummary.js';
import { SharedMetricChart } from './SharedMetricChart.js';
import { sharedChartData } from './sharedChartData.js';
import { soFar } from '../../charts/partialPeriod.js';
import { formatDay, trendText } from './summaryText.js';
import { withDataLabel } from '../../format/withData.js';

type Props = {
  type: HealthDataType;
  summary: MetricSummary | null;
  range: SharedData['dateRange'];
  rangeDays: number;
};

const NO_FINISHED_DAY = 'No finished day yet';

function DayFigure({ day, value }: { day: DayValue | null; value: (v: number) => string }) {
  if (!day) return <>{NO_FINISHED_DAY}</>;
  return (
    <>
      {value(day.value)} <span className="muted">({formatDay(day.date)})</span>
    </>
  );
}

function Stat({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="shared-stat">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One shared metric: summary figures a clinician scans first, a chart, and the daily values. */
export function SharedMetricSection({ type, summary, range, rangeDays }: Props) {
  const headingId = useId();
  const name = metricName(type);
  const value = (v: number) => formatMetricValue(type, v);
  return (
    <section className="shared-metric" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      {!summary ? (
        <p className="muted">No data for this metric in the shared period.</p>
      ) : (
        <>
          <dl className="shared-stats">
            <Stat term="Daily average">
              {summary.average === null ? (
                NO_FINISHED_DAY
              ) : (
                <>
                  {value(summary.average)}{' '}
                  <span className="muted">(average of {withDataLabel(summary.averageDays)})</span>
                </>
              )}
            </Stat>
            <Stat term="Lowest day">
              <DayFigure day={summary.min} value={value} />
            </Stat>
            <Stat term="Highest day">
              <DayFigure day={summary.max} value={value} />
            </Stat>
            {summary.soFar && (
              <Stat term={`${formatDay(summary.soFar.date)}, so far`}>
                {value(summary.soFar.value)}{' '}
                <span className="muted">(still being counted; not in the figures above)</span>
              </Stat>
            )}
            {summary.readingRange && (
              <Stat term="Single readings">
                {value(summary.readingRange.min)} – {value(summary.readingRange.max)}
              </Stat>
            )}
            <Stat term="Trend">{trendText(type, summary.trend)}</Stat>
            <Stat term="Days with data">
              {summary.days.length} of {rangeDays}
            </Stat>
          </dl>
          <SharedMetricChart
            type={type}
            data={sharedChartData(type, summary.days, range)}
            label={`${name} per day, ${formatDay(range.start)} to ${formatDay(range.end)}. The daily values are listed below the chart.`}
          />
          <details className="shared-days">
            <summary>Daily values ({summary.days.length})</summary>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">{name}</th>
                  {summary.readingRange && <th scope="col">Lowest – highest reading</th>}
                </tr>
              </thead>
              <tbody>
                {summary.days.map((d) => (
                  <tr key={d.date}>
                    <td>{formatDay(d.date)}</td>
                    <td>{d.partial ? soFar(value(d.value)) : value(d.value)}</td>
                    {summary.readingRange && (
                      <td>
                        {d.minValue !== undefined && d.maxValue !== undefined
                          ? `${value(d.minValue)} – ${value(d.maxValue)}`
                          : '—'}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
