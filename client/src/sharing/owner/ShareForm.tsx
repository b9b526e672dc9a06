import { useId, useState, type FormEvent } from 'react';
import { HEALTH_DATA_TYPES, METRIC_CONFIG, type CreateShareLinkResponse } from '@hearth/schema';
import { createShareLink } from './sharingApi.js';
import { sharingErrorText } from './errorText.js';
import { ActionError } from '../../components/ActionError.js';
import { useAction } from '../../components/useAction.js';
import {
  EXPIRY_PRESETS,
  initialShareForm,
  localDateOf,
  toCreateShareLink,
  toggleType,
  type ExpiryChoice,
  type ShareFormErrors,
  type ShareFormField,
  type ShareFormState,
} from './shareForm.js';

type Props = { onCreated: (created: CreateShareLinkResponse) => void; onCancel: () => void };

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="error-text">
      {message}
    </p>
  ) : null;
}

/** The seed's share modal: metrics, dates, expiry (7/30/90 days or a date), optional recipient. */
export function ShareForm({ onCreated, onCancel }: Props) {
  const ids = useId();
  const [form, setForm] = useState<ShareFormState>(() => initialShareForm(new Date()));
  const [errors, setErrors] = useState<ShareFormErrors>({});
  const errorId = (field: ShareFormField) => `${ids}-${field}-error`;
  const describe = (field: ShareFormField) =>
    errors[field] ? { 'aria-describedby': errorId(field), 'aria-invalid': true } : {};
  const update = (patch: Partial<ShareFormState>) => setForm((f) => ({ ...f, ...patch }));

  const submit = useAction(async (event: FormEvent) => {
    event.preventDefault();
    const result = toCreateShareLink(form, new Date());
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    onCreated(await createShareLink(result.body));
  }, sharingErrorText);
  const { busy } = submit;

  return (
    <form className="form share-form" onSubmit={submit.run} noValidate>
      <h2>Share health data</h2>
      <fieldset {...describe('dataTypes')}>
        <legend>Metrics to share</legend>
        <div className="share-form__types">
          {HEALTH_DATA_TYPES.map((type) => (
            <label key={type} className="share-form__type">
              <input
                type="checkbox"
                checked={form.dataTypes.includes(type)}
                onChange={() => update({ dataTypes: toggleType(form.dataTypes, type) })}
              />
              {METRIC_CONFIG[type].displayName}
            </label>
          ))}
        </div>
        <FieldError id={errorId('dataTypes')} message={errors.dataTypes} />
      </fieldset>
      <fieldset {...describe('dates')}>
        <legend>Days to share</legend>
        <div className="share-form__dates">
          <label>
            First day
            <input
              type="date"
              value={form.dateStart}
              onChange={(e) => update({ dateStart: e.target.value })}
            />
          </label>
          <label>
            Last day
            <input
              type="date"
              value={form.dateEnd}
              onChange={(e) => update({ dateEnd: e.target.value })}
            />
          </label>
        </div>
        <FieldError id={errorId('dates')} message={errors.dates} />
      </fieldset>
      <label>
        Link expires in
        <select
          value={form.expiry}
          onChange={(e) => update({ expiry: e.target.value as ExpiryChoice })}
          {...(form.expiry === 'date' ? {} : describe('expiry'))}
        >
          {EXPIRY_PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {form.expiry === 'date' && (
        <label>
          Works until the end of
          <input
            type="date"
            value={form.expiryDate}
            min={localDateOf(new Date())}
            onChange={(e) => update({ expiryDate: e.target.value })}
            {...describe('expiry')}
          />
        </label>
      )}
      <FieldError id={errorId('expiry')} message={errors.expiry} />
      <label>
        Recipient email (optional, for your records)
        <input
          type="email"
          autoComplete="off"
          placeholder="doctor@example.com"
          value={form.recipientEmail}
          onChange={(e) => update({ recipientEmail: e.target.value })}
          {...describe('recipientEmail')}
        />
      </label>
      <FieldError id={errorId('recipientEmail')} message={errors.recipientEmail} />
      <ActionError error={submit.error} />
      <div className="share-form__buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create link'}
        </button>
      </div>
    </form>
  );
}
