import { METRIC_CONFIG } from '@hearth/schema';
import { useId, useState, type FormEvent } from 'react';
import { metricName } from '../../format/metricFormat.js';
import { editedValueError, type SampleRef } from './sampleEdits.js';

type Props = {
  sample: SampleRef & { value: number };
  onSave: (value: number) => Promise<void>;
  onCancel: () => void;
};

/** Changes the value of one entry made in the app; its time is its identity and stays. */
export function EditSampleForm({ sample, onSave, onCancel }: Props) {
  const id = useId();
  const [text, setText] = useState(String(sample.value));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const unit = METRIC_CONFIG[sample.type].unit;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = editedValueError(sample, text);
    setError(problem);
    if (problem) return;
    setSaving(true);
    try {
      await onSave(Number(text));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={`${id}-value`}>
        New {metricName(sample.type).toLowerCase()} value ({unit})
      </label>
      <input
        id={`${id}-value`}
        inputMode="decimal"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="error-text">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={saving}>
        Save
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
