import { useId, type ReactNode } from 'react';
import type { HealthDataType, SharedData } from '@hearth/schema';
import { formatMetricValue, metricName } from '../../format/metricFormat.js';
import type { MetricSummary } from './metricSummary.js';
import { SharedMetricChart } from './SharedMetricChart.js';
import { sharedChartData } from './sharedChartData.js';
import { formatDay, trendText } from './summaryText.js';

type Props = {
  type: HealthDataType;
  summary: MetricSummary | null;
  range: SharedData['dateRange'];
  rangeDays: number;
};

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
            <Stat term="Daily average">{value(summary.average)}</Stat>
            <Stat term="Lowest day">
              {value(summary.min.value)}{' '}
              <span className="muted">({formatDay(summary.min.date)})</span>
            </Stat>
            <Stat term="Highest day">
              {value(summary.max.value)}{' '}
              <span className="muted">({formatDay(summary.max.date)})</span>
            </Stat>
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
                    <td>{value(d.value)}</td>
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
