import { HEALTH_DATA_TYPES, METRIC_CONFIG } from '@hearth/schema';
import { useEffect, useState, type FormEvent } from 'react';
import { useReplica } from '../../app/replicaContext.js';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.js';
import { updateSettings } from '../../data/documents.js';
import { useSettings } from '../../data/useReplicaData.js';
import { isPending } from '../../db/types.js';
import { metricName } from '../../format/metricFormat.js';
import { AccountSection } from './AccountSection.js';
import { ExportSection } from './ExportSection.js';
import { UnitsSection } from './UnitsSection.js';
import { goalInputsFrom, parseGoalInputs, type GoalInputs } from './goalsForm.js';

export function SettingsPage() {
  const replica = useReplica();
  const { settings, fallback } = useSettings();
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [goals, setGoals] = useState<GoalInputs>(() => goalInputsFrom(settings.goals));
  const [errors, setErrors] = useState<Partial<GoalInputs>>({});
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  // Follow changes that arrive from other devices while the form is untouched.
  useEffect(() => {
    setTimeZone(settings.timeZone);
    setGoals(goalInputsFrom(settings.goals));
  }, [settings.timeZone, settings.goals]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseGoalInputs(goals);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setSaved(false);
      return;
    }
    setErrors({});
    setSaveError(null);
    if (!replica) return;
    try {
      await updateSettings(replica, fallback, { timeZone, goals: parsed.goals });
      setSaved(true);
    } catch {
      setSaved(false);
      setSaveError(
        'Your settings could not be saved on this device. Reload the page and try again.',
      );
    }
  };

  return (
    <>
      <h1>Settings</h1>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
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
          {HEALTH_DATA_TYPES.map((type) => {
            const id = `goal-${type}`;
            const defaultGoal = METRIC_CONFIG[type].goal;
            const hint = `${METRIC_CONFIG[type].unit}${defaultGoal ? `, default ${defaultGoal}` : ''}`;
            return (
              <div key={type} className="form">
                <label htmlFor={id}>
                  {metricName(type)} <span className="muted">({hint})</span>
                </label>
                <input
                  id={id}
                  inputMode="decimal"
                  value={goals[type]}
                  aria-invalid={errors[type] ? true : undefined}
                  aria-describedby={errors[type] ? `${id}-error` : undefined}
                  onChange={(e) => setGoals({ ...goals, [type]: e.target.value })}
                />
                {errors[type] && (
                  <p id={`${id}-error`} className="error-text">
                    {errors[type]}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
        <button type="submit" className="primary" disabled={!replica}>
          Save settings
        </button>
        {saveError && (
          <p role="alert" className="error-text">
            {saveError}
          </p>
        )}
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
