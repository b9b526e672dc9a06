import { HEALTH_DATA_TYPES, METRIC_CONFIG, type HealthDataType } from '@hearth/schema';
import { useEffect, useState, type FormEvent } from 'react';
import { useReplica } from '../../app/replicaContext.js';
import { ActionError } from '../../components/ActionError.js';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.js';
import { useAction } from '../../components/useAction.js';
import { updateSettings } from '../../data/documents.js';
import { useSettings } from '../../data/useReplicaData.js';
import { isPending } from '../../db/types.js';
import { useFormatter } from '../../format/FormatProvider.js';
import { metricName } from '../../format/metricFormat.js';
import { UnitValueFields } from '../entry/UnitValueFields.js';
import { AccountSection } from './AccountSection.js';
import { ExportSection } from './ExportSection.js';
import { UnitsSection } from './UnitsSection.js';
import { goalInputsFrom, parseGoalInputs, type GoalInputs } from './goalsForm.js';

export function SettingsPage() {
  const replica = useReplica();
  const { settings, fallback } = useSettings();
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const formatter = useFormatter();
  const [goals, setGoals] = useState<GoalInputs>(() =>
    goalInputsFrom(settings.goals, formatter.unitOf),
  );
  const [errors, setErrors] = useState<Partial<Record<HealthDataType, string>>>({});
  const [saved, setSaved] = useState(false);

  // Follow changes that arrive from other devices (or a new display unit) while the form is
  // untouched.
  useEffect(() => {
    setTimeZone(settings.timeZone);
    setGoals(goalInputsFrom(settings.goals, formatter.unitOf));
  }, [settings.timeZone, settings.goals, formatter]);

  const save = useAction(
    async (event: FormEvent) => {
      event.preventDefault();
      setSaved(false);
      const parsed = parseGoalInputs(goals, settings.goals, formatter.unitOf);
      if (!parsed.ok) return setErrors(parsed.errors);
      setErrors({});
      if (!replica) return;
      await updateSettings(replica, fallback, { timeZone, goals: parsed.goals });
      setSaved(true);
    },
    // A local write: it fails only when this browser's storage does (full, or closing).
    () => 'Your settings could not be saved on this device. Reload the page and try again.',
  );

  return (
    <>
      <h1>Settings</h1>
      <form className="form" onSubmit={save.run} noValidate>
        <label htmlFor="settings-zone">Time zone</label>
        <TimeZoneSelect
          id="settings-zone"
          value={timeZone}
          onChange={setTimeZone}
          describedBy="settings-zone-hint"
        />
        <p id="settings-zone-hint" className="hint">
          Your days, weeks and months start at midnight in this zone.
        </p>
        <fieldset>
          <legend>Daily goals</legend>
          <p className="hint">In your units; change them under Units below.</p>
          {HEALTH_DATA_TYPES.map((type) => {
            const defaultGoal = METRIC_CONFIG[type].goal;
            return (
              <div key={type} className="form">
                <UnitValueFields
                  idPrefix={`goal-${type}`}
                  label={metricName(type)}
                  labelNamesUnit
                  unit={formatter.unitOf(type)}
                  figure={goals[type]}
                  onChange={(figure) => setGoals({ ...goals, [type]: figure })}
                  hint={
                    defaultGoal === undefined
                      ? undefined
                      : `Empty means the default, ${formatter.metricValue(type, defaultGoal)}.`
                  }
                  error={errors[type]}
                />
              </div>
            );
          })}
        </fieldset>
        <button type="submit" className="primary" disabled={!replica || save.busy}>
          Save settings
        </button>
        <ActionError error={save.error} />
        <p role="status">
          {saved &&
            (isPending(settings)
              ? 'Saved on this device. It will upload when you are online.'
              : 'Saved.')}
        </p>
      </form>
      <UnitsSection />
      <ExportSection />
      <AccountSection />
    </>
  );
}
