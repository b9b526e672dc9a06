import { addLocalDays, localDateOf } from '@hearth/core';
import { localDateSchema, type HealthDataType, type LocalDate } from '@hearth/schema';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useReplica } from '../../app/replicaContext.js';
import { STAGE_LABEL } from '../../charts/sleepStages.js';
import { ActionError } from '../../components/ActionError.js';
import { LoadError } from '../../components/LoadError.js';
import { useAction } from '../../components/useAction.js';
import { useNow } from '../../data/useBrowser.js';
import { useSettings } from '../../data/useReplicaData.js';
import {
  formatMetricValue,
  metricFromSlug,
  metricName,
  metricSlug,
} from '../../format/metricFormat.js';
import { dayDataPath } from './dayDataPath.js';
import type { DaySample } from './daySamples.js';
import { EditSampleForm } from './EditSampleForm.js';
import { changeSampleValue, deleteSample } from './sampleEdits.js';
import { useDaySamples } from './useDaySamples.js';
import { format } from '../../format/currentFormat.js';
import { useFormatter } from '../../format/FormatProvider.js';

function timeRange(sample: DaySample, timeZone: string): string {
  return sample.end === sample.start
    ? format().date(sample.start, 'time', timeZone)
    : format().timeRange(sample.start, sample.end, timeZone);
}

function SampleItem({ sample, timeZone }: { sample: DaySample; timeZone: string }) {
  const replica = useReplica();
  // Reading the formatter re-renders the list when the person's units or clock change.
  const formatter = useFormatter();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [gone, setGone] = useState(false);
  const label = `${timeRange(sample, timeZone)}, ${formatMetricValue(sample.type, sample.value)}`;
  const remove = useAction(
    async () => {
      if (!replica) return;
      const found = await deleteSample(replica.db, replica.localChanges, sample, timeZone);
      if (!found) setGone(true);
    },
    // Deleting is a local write: it fails only when this browser's storage does.
    () => 'The sample could not be deleted in this browser. Reload the page and try again.',
  );
  const save = async (value: number) => {
    if (!replica) return;
    await changeSampleValue(replica.db, replica.localChanges, sample, value, timeZone);
    setMode('view');
  };
  return (
    <li className="sample" data-sample-source={sample.deviceId}>
      <span className="sample__time">{timeRange(sample, timeZone)}</span>{' '}
      <strong className="sample__value">{formatMetricValue(sample.type, sample.value)}</strong>
      {sample.stage && sample.stage !== 'asleep' && (
        <span> ({STAGE_LABEL[sample.stage]})</span>
      )}{' '}
      <span className="muted">
        {sample.source}
        {sample.sourceRemoved && ' (removed)'}
      </span>
      {gone && <span role="status"> Already deleted.</span>}
      {mode === 'view' && (
        <span className="sample__actions">
          {sample.editable && (
            <button type="button" onClick={() => setMode('edit')}>
              Edit<span className="visually-hidden"> {label}</span>
            </button>
          )}
          <button type="button" onClick={() => setMode('confirm-delete')}>
            Delete<span className="visually-hidden"> {label}</span>
          </button>
        </span>
      )}
      {mode === 'confirm-delete' && (
        <span className="sample__actions" role="group" aria-label={`Delete ${label}?`}>
          <span>Delete this sample everywhere?</span>
          <button type="button" className="danger" onClick={remove.run} disabled={remove.busy}>
            Yes, delete
          </button>
          <button type="button" onClick={() => setMode('view')}>
            Keep it
          </button>
        </span>
      )}
      <ActionError error={remove.error} />
      {mode === 'edit' && (
        <EditSampleForm
          sample={sample}
          unit={formatter.unitOf(sample.type)}
          onSave={save}
          onCancel={() => setMode('view')}
        />
      )}
    </li>
  );
}

export function DayDataPage() {
  const params = useParams();
  const type = metricFromSlug(params['metric']) ?? 'STEPS';
  const { settings } = useSettings();
  const today = localDateOf(useNow(60_000), settings.timeZone);
  // `today` lets a dashboard card link here without knowing the date (it follows midnight).
  const parsed = localDateSchema.safeParse(params['date'] === 'today' ? today : params['date']);
  const day = parsed.success ? parsed.data : null;
  if (!day) {
    return (
      <>
        <h1>Samples</h1>
        <p role="alert">That is not a date.</p>
      </>
    );
  }
  return <DaySamplesList type={type} day={day} timeZone={settings.timeZone} />;
}

function DaySamplesList(props: { type: HealthDataType; day: LocalDate; timeZone: string }) {
  const { type, day, timeZone } = props;
  const { value: samples, error, retry } = useDaySamples(type, day, timeZone);
  const title = useFormatter().date(Date.parse(`${day}T12:00:00Z`), 'full-day', 'UTC');
  return (
    <>
      <h1>
        {metricName(type)} on {title}
      </h1>
      <p className="muted">
        Every sample behind this day, from every source. Where sources overlap, the one higher in
        your device order counts. Deleting works offline and reaches your other devices when you are
        online.
      </p>
      <nav aria-label="Other days" className="day-nav">
        <Link to={dayDataPath(type, addLocalDays(day, -1))}>Previous day</Link>{' '}
        <Link to={dayDataPath(type, addLocalDays(day, 1))}>Next day</Link>{' '}
        <Link to={`/trends/${metricSlug(type)}`}>{metricName(type)} trends</Link>
      </nav>
      {error ? (
        <LoadError what="The samples of this day" error={error} onRetry={retry} />
      ) : samples === null ? (
        <p role="status">Loading…</p>
      ) : samples.length === 0 ? (
        <p>No samples on this day.</p>
      ) : (
        <ul className="plain-list sample-list" aria-label="Samples">
          {samples.map((s) => (
            <SampleItem key={`${s.seriesId}|${s.start}|${s.end}`} sample={s} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </>
  );
}
