import { formatInstant } from '@hearth/core';
import { HEALTH_DATA_TYPES, type HealthDataType } from '@hearth/schema';
import { useState, type FormEvent } from 'react';
import { useReplica } from '../../app/replicaContext.js';
import { useBrowserOnline } from '../../data/useBrowser.js';
import { useDevices, useSettings } from '../../data/useReplicaData.js';
import { ActionError } from '../../components/ActionError.js';
import { LoadError } from '../../components/LoadError.js';
import { useAction } from '../../components/useAction.js';
import { useFormatter } from '../../format/FormatProvider.js';
import { metricName } from '../../format/metricFormat.js';
import { unitName } from '../../format/units.js';
import { UnitValueFields } from './UnitValueFields.js';
import {
  buildManualSample,
  needsInterval,
  saveManualSample,
  unitsFor,
  type ManualEntryInput,
} from './manualEntry.js';

/** `YYYY-MM-DDTHH:mm` of an instant on the clock of `timeZone`, for datetime-local inputs. */
function localInputValue(ms: number, timeZone: string): string {
  return formatInstant(ms, timeZone).slice(0, 16);
}

type FieldErrors = Partial<Record<'value' | 'start' | 'end', string>>;

export function ManualEntryPage() {
  const replica = useReplica();
  const { settings } = useSettings();
  const online = useBrowserOnline();
  const devices = useDevices();
  const manualDevice = devices.value.find((d) => d.kind === 'manual_entry');
  const zone = settings.timeZone;
  const formatter = useFormatter();
  const [input, setInput] = useState<ManualEntryInput>(() => {
    const now = Date.now();
    return {
      type: 'STEPS',
      value: '',
      unit: formatter.unitOf('STEPS'),
      start: localInputValue(now - 30 * 60_000, zone),
      end: localInputValue(now, zone),
    };
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);

  const setType = (type: HealthDataType) =>
    setInput({ ...input, type, unit: formatter.unitOf(type), value: '', pounds: '' });

  const submit = useAction(
    async (event: FormEvent) => {
      event.preventDefault();
      setStatus(null);
      if (!replica || !manualDevice) return;
      const result = buildManualSample(input, {
        timeZone: zone,
        now: Date.now(),
        deviceId: manualDevice.id,
      });
      if (!result.ok) return setErrors({ [result.field]: result.message });
      setErrors({});
      await saveManualSample(replica.db, replica.localChanges, result.sample, zone);
      setInput({ ...input, value: '', pounds: '' });
      setStatus(
        online
          ? `Saved ${metricName(input.type)}.`
          : `Saved ${metricName(input.type)} on this device. It will upload when you are back online.`,
      );
    },
    // A local write: it fails only when this browser's storage does (full, or closing).
    () => 'The entry could not be saved on this device. Reload the page and try again.',
  );

  const interval = needsInterval(input.type);
  const errorProps = (field: keyof FieldErrors) =>
    errors[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': `entry-${field}-error` }
      : {};
  const errorText = (field: keyof FieldErrors) =>
    errors[field] && (
      <p id={`entry-${field}-error`} className="error-text">
        {errors[field]}
      </p>
    );

  return (
    <>
      <h1>Add an entry</h1>
      <p className="muted">
        Entries are saved on this device first and work offline. Where another device measured the
        same time, the device higher in your priority order counts.
      </p>
      {devices.error ? (
        <LoadError what="Your devices" error={devices.error} onRetry={devices.retry} />
      ) : (
        !manualDevice && (
          <p role="alert" className="error-text">
            Your manual-entry device has not synced to this browser yet. Connect once, then try
            again.
          </p>
        )
      )}
      <form className="form" onSubmit={submit.run} noValidate>
        <label htmlFor="entry-type">What</label>
        <select
          id="entry-type"
          value={input.type}
          onChange={(e) => setType(e.target.value as HealthDataType)}
        >
          {HEALTH_DATA_TYPES.map((type) => (
            <option key={type} value={type}>
              {metricName(type)}
            </option>
          ))}
        </select>
        <UnitValueFields
          idPrefix="entry"
          label="Value"
          unit={input.unit}
          figure={input}
          onChange={({ value, pounds }) => setInput({ ...input, value, pounds })}
          error={errors.value}
          required
        />
        <label htmlFor="entry-unit">Unit</label>
        <select
          id="entry-unit"
          value={input.unit}
          onChange={(e) => setInput({ ...input, unit: e.target.value })}
        >
          {unitsFor(input.type).map((unit) => (
            <option key={unit} value={unit}>
              {unitName(unit)}
            </option>
          ))}
        </select>
        <label htmlFor="entry-start">{interval ? 'From' : 'When'}</label>
        <input
          id="entry-start"
          type="datetime-local"
          required
          value={input.start}
          onChange={(e) => setInput({ ...input, start: e.target.value })}
          {...errorProps('start')}
        />
        {errorText('start')}
        {interval && (
          <>
            <label htmlFor="entry-end">Until</label>
            <input
              id="entry-end"
              type="datetime-local"
              required
              value={input.end}
              onChange={(e) => setInput({ ...input, end: e.target.value })}
              {...errorProps('end')}
            />
            {errorText('end')}
          </>
        )}
        <p className="hint">Times are in your time zone, {zone.replace(/_/g, ' ')}.</p>
        <button
          type="submit"
          className="primary"
          disabled={!replica || !manualDevice || submit.busy}
        >
          Save entry
        </button>
        <ActionError error={submit.error} />
        <p role="status">{status}</p>
      </form>
    </>
  );
}
