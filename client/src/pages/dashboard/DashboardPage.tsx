import { HEALTH_DATA_TYPES } from '@hearth/schema';
import { localDateOf, nextBucketStart, startOfLocalDate } from '@hearth/core';
import type { DashboardPreferences } from '@hearth/schema';
import { useMemo, useState } from 'react';
import { combineLatest, map } from 'rxjs';
import { useReplica } from '../../app/replicaContext.js';
import { useNow } from '../../data/useBrowser.js';
import { useMetricView } from '../../data/useMetricView.js';
import { useObservable, type ObservableResult } from '../../data/useObservable.js';
import { LoadError } from '../../components/LoadError.js';
import { useSettings } from '../../data/useReplicaData.js';
import { updateSettings } from '../../data/documents.js';
import { CardEditor } from './CardEditor.js';
import { visibleTypes } from './cardLayout.js';
import type { MetricViewQuery } from '../../data/metricView.js';
import { dashboardCards } from './dashboardCards.js';
import { DemoLoadStatus, EmptyState, useDemoLoadActive } from './EmptyState.js';
import { InsightsBanner } from './InsightsBanner.js';
import { LastNightStages } from './LastNightStages.js';
import { latestDays$ } from './latestDays.js';
import { MetricCard } from './MetricCard.js';
import { useFormatter } from '../../format/FormatProvider.js';

/** Whether the replica holds any health data (null while unknown). */
function useHasData(): ObservableResult<boolean | null> {
  const replica = useReplica();
  return useObservable(
    () =>
      replica
        ? combineLatest([
            replica.db.series.count().$,
            replica.db.rollups.count().$,
            replica.tracker.snapshot$,
          ]).pipe(
            // An empty replica that is still catching up may simply not have pulled yet.
            map(([series, rollups, sync]) =>
              series + rollups > 0
                ? true
                : sync.catchUp.done || sync.syncedByOtherTab
                  ? false
                  : null,
            ),
          )
        : null,
    [replica],
    null,
  );
}

export function DashboardPage() {
  const { settings, fallback } = useSettings();
  const [editing, setEditing] = useState(false);
  // Reading the formatter re-renders the cards when the person's units or clock change.
  const formatter = useFormatter();
  const now = useNow(60_000);
  const zone = settings.timeZone;
  const today = localDateOf(now, zone);
  const query = useMemo<MetricViewQuery>(() => {
    const fromMs = startOfLocalDate(today, zone);
    return {
      types: HEALTH_DATA_TYPES,
      period: 'day',
      fromMs,
      toMs: nextBucketStart('day', fromMs, zone),
    };
  }, [today, zone]);
  const today$ = useMetricView(query);
  const hasData$ = useHasData();
  const demoLoading = useDemoLoadActive();
  const replica = useReplica();
  const todayStart = query.fromMs;
  const latest$ = useObservable(
    () => (replica ? latestDays$(replica.db, HEALTH_DATA_TYPES, todayStart) : null),
    [replica, todayStart],
    null,
  );
  const view = today$.value;
  const latest = latest$.value;
  const hasData = hasData$.value;
  // Any of the three failing leaves the cards unanswerable: one message, one retry for all.
  const loadError = today$.error ?? latest$.error ?? hasData$.error;
  const retry = () => {
    today$.retry();
    latest$.retry();
    hasData$.retry();
  };
  const cards =
    view && latest
      ? dashboardCards({
          types: visibleTypes(settings.preferences.dashboard),
          todayBuckets: view.buckets,
          latest,
          goals: settings.goals,
          timeZone: zone,
        })
      : null;
  // The night the sleep card shows: the one ending today, else the latest with data.
  const lastSleep = latest?.get('SLEEP_ANALYSIS');
  const sleepNight = view?.buckets.some((b) => b.type === 'SLEEP_ANALYSIS')
    ? today
    : lastSleep
      ? localDateOf(lastSleep.startMs, zone)
      : null;
  // Written to the replica first (works offline); replication carries it to the other devices.
  const arrange = async (dashboard: DashboardPreferences) => {
    if (!replica) throw new Error('No replica open');
    await updateSettings(replica, fallback, {
      preferences: { ...settings.preferences, dashboard },
    });
  };
  return (
    <>
      <h1>Today</h1>
      <p className="muted">{formatter.date(now, 'full-day', zone)}</p>
      {(hasData === false || demoLoading) && <EmptyState timeZone={zone} />}
      <DemoLoadStatus />
      <InsightsBanner />
      {editing ? (
        <CardEditor
          preferences={settings.preferences.dashboard}
          onChange={arrange}
          onDone={() => setEditing(false)}
        />
      ) : (
        <p>
          <button type="button" onClick={() => setEditing(true)}>
            Arrange cards
          </button>
        </p>
      )}
      <h2 className="visually-hidden">Today’s figures</h2>
      {loadError ? (
        <LoadError what="Today’s figures" error={loadError} onRetry={retry} />
      ) : cards ? (
        <ul className="cards" aria-label="Today’s figures">
          {cards.map((card) => (
            <MetricCard key={card.type} card={card}>
              {card.type === 'SLEEP_ANALYSIS' && sleepNight && (
                <LastNightStages night={sleepNight} />
              )}
            </MetricCard>
          ))}
        </ul>
      ) : (
        <p role="status">Loading today’s figures…</p>
      )}
    </>
  );
}
