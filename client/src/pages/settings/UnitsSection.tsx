import {
  DISPLAY_UNITS,
  HEALTH_DATA_TYPES,
  type DisplayUnits,
  type HealthDataType,
  type HourCycle,
  type Preferences,
} from '@hearth/schema';
import { useState, type FormEvent } from 'react';
import { useReplica } from '../../app/replicaContext.js';
import { ActionError } from '../../components/ActionError.js';
import { useAction } from '../../components/useAction.js';
import { updateSettings } from '../../data/documents.js';
import { useSettings } from '../../data/useReplicaData.js';
import { isPending } from '../../db/types.js';
import { useFormatter } from '../../format/FormatProvider.js';
import { metricName } from '../../format/metricFormat.js';
import { regionDefaultUnit } from '../../format/regionDefaults.js';
import { unitName } from '../../format/units.js';

/** Types with a choice to make: a type shown in one unit only gets no select. */
const CHOOSABLE = HEALTH_DATA_TYPES.filter((t) => DISPLAY_UNITS[t].length > 1);

/**
 * The person's display unit per type and their clock, saved in the settings document's
 * preferences (offline first; it replicates to their other devices). A unit left at the region's
 * default is stored as no choice, so a move abroad brings the new region's units.
 */
export function UnitsSection() {
  const replica = useReplica();
  const { settings, fallback } = useSettings();
  const { region } = useFormatter();
  const save = async (preferences: Preferences) => {
    if (replica) await updateSettings(replica, fallback, { preferences });
  };
  return (
    <UnitsForm
      preferences={settings.preferences}
      region={region}
      pending={isPending(settings)}
      disabled={!replica}
      save={save}
    />
  );
}

type UnitsFormProps = {
  preferences: Preferences;
  region: string | undefined;
  /** Whether the saved settings still wait to upload. */
  pending: boolean;
  disabled: boolean;
  save: (preferences: Preferences) => Promise<void>;
};

export function UnitsForm({ preferences, region, pending, disabled, save }: UnitsFormProps) {
  const [units, setUnits] = useState<DisplayUnits>(preferences.displayUnits);
  const [hourCycle, setHourCycle] = useState<HourCycle | ''>(preferences.hourCycle ?? '');
  const [saved, setSaved] = useState(false);

  const chosen = (type: HealthDataType) => units[type] ?? regionDefaultUnit(type, region);
  const choose = (type: HealthDataType, unit: string) => {
    const next = { ...units };
    if (unit === regionDefaultUnit(type, region)) delete next[type];
    else next[type] = unit;
    setUnits(next);
    setSaved(false);
  };

  const submit = useAction(
    async (event: FormEvent) => {
      event.preventDefault();
      // An empty clock choice removes the field: "the locale's own" is its absence.
      const { hourCycle: _previous, ...rest } = preferences;
      await save({ ...rest, displayUnits: units, ...(hourCycle ? { hourCycle } : {}) });
      setSaved(true);
    },
    // A local write: it fails only when this browser's storage does (full, or closing).
    () => 'Your units could not be saved on this device. Reload the page and try again.',
  );

  return (
    <section aria-labelledby="units-heading">
      <h2 id="units-heading">Units</h2>
      <form className="form" onSubmit={submit.run} noValidate>
        {CHOOSABLE.map((type) => {
          const id = `unit-${type}`;
          const regional = regionDefaultUnit(type, region);
          return (
            <div key={type} className="form">
              <label htmlFor={id}>{metricName(type)}</label>
              <select id={id} value={chosen(type)} onChange={(e) => choose(type, e.target.value)}>
                {DISPLAY_UNITS[type].map((unit) => (
                  <option key={unit} value={unit}>
                    {unitName(unit)}
                    {unit === regional ? ' (your region’s default)' : ''}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        <label htmlFor="unit-clock">Clock</label>
        <select
          id="unit-clock"
          value={hourCycle}
          onChange={(e) => {
            setHourCycle(e.target.value as HourCycle | '');
            setSaved(false);
          }}
        >
          <option value="">Your language’s default</option>
          <option value="h12">12-hour (2:05 PM)</option>
          <option value="h23">24-hour (14:05)</option>
        </select>
        <button type="submit" className="primary" disabled={disabled || submit.busy}>
          Save units
        </button>
        <p role="status">
          {saved &&
            (pending
              ? 'Units saved on this device. They will upload when you are online.'
              : 'Units saved.')}
        </p>
        <ActionError error={submit.error} />
      </form>
    </section>
  );
}
