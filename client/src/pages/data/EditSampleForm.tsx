import { useId, useState, type FormEvent } from 'react';
import { ActionError } from '../../components/ActionError.js';
import { useAction } from '../../components/useAction.js';
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

  const save = useAction(
    async (event: FormEvent) => {
      event.preventDefault();
      const result = editedValue(sample, figure, unit, initial);
      setError(result.ok ? null : result.message);
      if (result.ok) await onSave(result.value);
    },
    // The value is written in this browser: it fails only when the browser's storage does.
    () => 'The new value could not be saved in this browser. Reload the page and try again.',
  );

  return (
    <form className="inline-form" onSubmit={save.run} noValidate>
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
      <button type="submit" className="primary" disabled={save.busy}>
        Save
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <ActionError error={save.error} />
    </form>
  );
}
