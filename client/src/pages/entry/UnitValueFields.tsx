import type { TypedFigure } from './typedFigure.js';

type Props = {
  /** Ids are `${idPrefix}-value` and `${idPrefix}-pounds`; the error is `${idPrefix}-value-error`. */
  idPrefix: string;
  /** The value field's label; in stones it reads "<label> (stones)", pounds get their own. */
  label: string;
  /** Whether the label names the unit (a form without a unit select says which one it is). */
  labelNamesUnit?: boolean;
  unit: string;
  figure: TypedFigure;
  onChange: (figure: TypedFigure) => void;
  /** A line under the label, read with the field ("default 10,000 steps"). */
  hint?: string | undefined;
  error?: string | null | undefined;
  /** An error that appears after a submit is announced at once. */
  announceError?: boolean;
  required?: boolean;
};

/**
 * The number field(s) of one value in a display unit: one field, or stones and pounds as two
 * (nobody reads 11.29 st). Manual entry, the sample editor and the goals share it, so a person
 * types a value the same way everywhere.
 */
export function UnitValueFields(props: Props) {
  const { idPrefix, label, unit, figure, onChange, error } = props;
  const stones = unit === 'st';
  const valueId = `${idPrefix}-value`;
  const errorId = `${valueId}-error`;
  const hintId = `${valueId}-hint`;
  const describedBy = [props.hint ? hintId : null, error ? errorId : null].filter(Boolean);
  const described = describedBy.length > 0 ? { 'aria-describedby': describedBy.join(' ') } : {};
  const invalid = error ? { 'aria-invalid': true as const } : {};
  // A count names itself: "Steps (steps)" says nothing.
  const namesUnit = props.labelNamesUnit && unit !== 'steps';
  const valueLabel = stones ? `${label} (stones)` : namesUnit ? `${label} (${unit})` : label;
  return (
    <>
      <label htmlFor={valueId}>{valueLabel}</label>
      {props.hint && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
      <input
        id={valueId}
        inputMode="decimal"
        required={props.required}
        value={figure.value}
        onChange={(e) => onChange({ ...figure, value: e.target.value })}
        {...invalid}
        {...described}
      />
      {error && (
        <p id={errorId} className="error-text" role={props.announceError ? 'alert' : undefined}>
          {error}
        </p>
      )}
      {stones && (
        <>
          <label htmlFor={`${idPrefix}-pounds`}>And pounds</label>
          <input
            id={`${idPrefix}-pounds`}
            inputMode="decimal"
            value={figure.pounds ?? ''}
            onChange={(e) => onChange({ ...figure, pounds: e.target.value })}
            {...invalid}
            {...described}
          />
        </>
      )}
    </>
  );
}
