import { useMemo } from 'react';

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

type Props = {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  describedBy?: string;
};

/** Every IANA zone the browser knows, the current value included even if it does not. */
export function TimeZoneSelect({ id, value, onChange, describedBy }: Props) {
  const zones = useMemo(() => {
    const known = Intl.supportedValuesOf('timeZone');
    return known.includes(value) ? known : [value, ...known];
  }, [value]);
  return (
    <select
      id={id}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-describedby={describedBy}
    >
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replace(/_/g, ' ')}
        </option>
      ))}
    </select>
  );
}
