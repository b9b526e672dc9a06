import { useId, useState, type FormEvent } from 'react';
import { metricName } from '../../format/metricFormat.js';
import { typedOfCanonical, type TypedFigure } from '../entry/typedFigure.js';
import { UnitValueFields } from '../entry/UnitValueFields.js';
import { editedValue, type SampleRef } from './sampleEdits.js';

type Props = {
  sample: SampleRef & { value: number };
  /** The person's display unit for the sample's type (one of schema's DISPLAY_UNITS). */
  unit: string;
  /** Receives the new value in the type's canonical unit. */
  onSave: (value: number) => Promise<void>;
  onCancel: () => void;
};

/**
 * Changes the value of one entry made in the app, typed in the person's display unit as in manual
 * entry; its time is its identity and stays.
 */
export function EditSampleForm({ sample, unit, onSave, onCancel }: Props) {
  const id = useId();
  const [initial] = useState(() => typedOfCanonical(sample.type, sample.value, unit));
  const [figure, setFigure] = useState<TypedFigure>(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = editedValue(sample, figure, unit, initial);
    setError(result.ok ? null : result.message);
    if (!result.ok) return;
    setSaving(true);
    try {
      await onSave(result.value);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <UnitValueFields
        idPrefix={id}
        label={`New ${metricName(sample.type).toLowerCase()} value`}
        labelNamesUnit
        unit={unit}
        figure={figure}
        onChange={setFigure}
        error={error}
        announceError
      />
      <button type="submit" className="primary" disabled={saving}>
        Save
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
