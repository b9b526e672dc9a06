import { addLocalDays, localDateOf } from '@hearth/core';
import {
  AGGREGATION_PERIODS,
  HEALTH_DATA_TYPES,
  METRIC_CONFIG,
  type AggregationPeriod,
  type HealthDataType,
  type LocalDate,
} from '@hearth/schema';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadError } from '../../components/LoadError.js';
import { useNow } from '../../data/useBrowser.js';
import { useMetricView } from '../../data/useMetricView.js';
import { useSettings } from '../../data/useReplicaData.js';
import { metricFromSlug, metricName, metricSlug } from '../../format/metricFormat.js';
import { dayDataPath } from '../data/dayDataPath.js';
import { SleepStagesView } from './SleepStagesView.js';
import { TrendChart } from './TrendChart.js';
import { dailyAverageText, trendChartData, type TrendPoint } from './trendChartData.js';
import { DEFAULT_COUNT, RANGE_PRESETS, trendRange, type TrendRange } from './trendRange.js';
import { useFormatter } from '../../format/FormatProvider.js';

const PERIOD_LABEL: Record<AggregationPeriod, string> = {
  hour: 'Hour',
  day: 'Day',
  week: 'Week',
  month: 'Month',
};

const isSum = (type: HealthDataType) => METRIC_CONFIG[type].aggregation === 'sum';

/** Every local date of the range: sleep is drawn by night whatever the chart's period. */
function rangeDates(range: TrendRange, zone: string): LocalDate[] {
  const first = localDateOf(range.fromMs, zone);
  const last = localDateOf(range.toMs - 1, zone);
  const dates: LocalDate[] = [];
  for (let d = first; d <= last; d = addLocalDays(d, 1)) dates.push(d);
  return dates;
}

const averageOf = (p: TrendPoint) => ({
  perDay: p.dailyAverage,
  daysWithData: p.daysWithData,
  total: p.daysWithDataTotal,
});

export function TrendsPage() {
  // Reading the formatter re-renders the chart when the person's units or clock change.
  useFormatter();
  const params = useParams();
  const navigate = useNavigate();
  const type = metricFromSlug(params.metric) ?? 'STEPS';
  const { settings } = useSettings();
  const zone = settings.timeZone;
  const now = useNow(60_000);
  const today = localDateOf(now, zone);
  const [period, setPeriod] = useState<AggregationPeriod>('day');
  const [count, setCount] = useState(DEFAULT_COUNT.day);
  const [endDate, setEndDate] = useState<string | null>(null);
  const end = endDate ?? today;

  const range = useMemo(() => trendRange(period, count, end, zone), [period, count, end, zone]);
  const query = useMemo(
    () => ({ types: [type], period, fromMs: range.fromMs, toMs: range.toMs }),
    [type, period, range],
  );
  const { value: view, error, retry } = useMetricView(query);
  // Weeks and months of sums are averaged over their days with data, so they need the days too.
  const averaged = (period === 'week' || period === 'month') && isSum(type);
  const dayQuery = useMemo(
    () => (averaged ? { ...query, period: 'day' as const } : null),
    [averaged, query],
  );
  const { value: dayView, error: dayError, retry: retryDays } = useMetricView(dayQuery);
  const loadError = error ?? dayError;
  const nightDates = useMemo(() => rangeDates(range, zone), [range, zone]);
  const data = view
    ? trendChartData(view.buckets, {
        type,
        period,
        bucketStarts: range.bucketStarts,
        timeZone: zone,
        goals: settings.goals,
        nowMs: now,
        days: dayView?.buckets ?? null,
      })
    : null;
  const title = `${metricName(type)} by ${PERIOD_LABEL[period].toLowerCase()}`;

  const choosePeriod = (next: AggregationPeriod) => {
    setPeriod(next);
    setCount(DEFAULT_COUNT[next]);
  };

  return (
    <>
      <h1>{metricName(type)} trends</h1>
      <div className="toolbar">
        <div>
          <label htmlFor="trend-metric">Metric</label>
          <select
            id="trend-metric"
            value={type}
            onChange={(e) => void navigate(`/trends/${metricSlug(e.target.value as typeof type)}`)}
          >
            {HEALTH_DATA_TYPES.map((t) => (
              <option key={t} value={t}>
                {metricName(t)}
              </option>
            ))}
          </select>
        </div>
        <div role="group" aria-labelledby="period-label">
          <span id="period-label" className="toolbar-label">
            Period
          </span>
          <div className="segmented">
            {AGGREGATION_PERIODS.map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={p === period}
                onClick={() => choosePeriod(p)}
              >
                {PERIOD_LABEL[p]}
              </button>
            ))}
          </div>
        </div>
        <div role="group" aria-labelledby="range-label">
          <span id="range-label" className="toolbar-label">
            Range
          </span>
          <div className="segmented">
            {RANGE_PRESETS[period].map((preset) => (
              <button
                key={preset.count}
                type="button"
                aria-pressed={preset.count === count}
                onClick={() => setCount(preset.count)}
              >
                {preset.label}
              </button>
            ))}
          </div>
        </div>
        <div>
          <label htmlFor="trend-end">Ending on</label>
          <input
            id="trend-end"
            type="date"
            max={today}
            value={end}
            onChange={(e) => setEndDate(e.target.value || null)}
          />
        </div>
      </div>
      {view?.includesLocalChanges && (
        <p className="muted">
          <span className="badge">Computed on this device</span> Some figures include changes from
          this device that the server has not processed yet.
        </p>
      )}
      {loadError ? (
        <LoadError
          what="These figures"
          error={loadError}
          onRetry={() => (error ? retry() : retryDays())}
        />
      ) : data ? (
        <>
          <TrendChart data={data} type={type} period={period} title={title} />
          <details>
            <summary>Show the figures as a table</summary>
            <table className="data-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{PERIOD_LABEL[period]}</th>
                  <th scope="col">Value</th>
                  {averaged && <th scope="col">Daily average</th>}
                </tr>
              </thead>
              <tbody>
                {data.points.map((p) => (
                  <tr key={p.startMs}>
                    <th scope="row">
                      {period === 'day' ? (
                        <Link to={dayDataPath(type, localDateOf(p.startMs, zone))}>{p.name}</Link>
                      ) : (
                        p.name
                      )}
                    </th>
                    <td>{p.figures}</td>
                    {averaged && (
                      <td>
                        {p.value === null
                          ? '–'
                          : (dailyAverageText(type, averageOf(p), p.partial) ?? 'No finished day')}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          {type === 'SLEEP_ANALYSIS' && period !== 'hour' && (
            <SleepStagesView dates={nightDates} timeZone={zone} />
          )}
        </>
      ) : (
        <p role="status">Loading…</p>
      )}
    </>
  );
}
