import type { HealthAggregate, HealthInsight, LocalDate } from '@hearth/schema';
import { addDays, makeInsight, type DayIndex } from './day-values.js';
import { formatValue } from './format.js';

/** Out-of-range readings are reported for the last 7 days, today included. */
export const OUT_OF_RANGE_DAYS = 7;

/** Limits of the usual range (SPECIFICATION.md §3) and the levels at which a reading is more serious. */
export const OXYGEN_LOW = { limit: 92, medium: 90, high: 88 } as const;
export const GLUCOSE_LOW = { limit: 70, high: 54 } as const;
export const GLUCOSE_HIGH = { limit: 180, medium: 250, high: 300 } as const;

type Severity = HealthInsight['severity'];
const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };
const NOT_ADVICE = 'This is not a diagnosis or medical advice.';

function oxygenInsight(date: LocalDate, day: HealthAggregate): HealthInsight | null {
  const min = day.minValue ?? day.value;
  if (!(min < OXYGEN_LOW.limit)) return null;
  const severity: Severity =
    min < OXYGEN_LOW.high ? 'high' : min < OXYGEN_LOW.medium ? 'medium' : 'low';
  return makeInsight({
    type: 'out_of_range',
    subject: 'OXYGEN_SATURATION',
    date,
    severity,
    message: `Your blood oxygen (SpO2) went down to ${formatValue('OXYGEN_SATURATION', min)} on ${date}, below the usual lower limit of ${OXYGEN_LOW.limit}%.`,
    recommendation: `A single low reading can come from a loose fit, movement or cold hands. If low readings come back, or you feel short of breath, talk to a clinician. ${NOT_ADVICE}`,
    data: { minValue: min, limit: OXYGEN_LOW.limit, readings: day.sampleCount },
  });
}

function glucoseSeverity(min: number, max: number): Severity {
  const low: Severity = min < GLUCOSE_LOW.high ? 'high' : 'medium';
  const high: Severity =
    max > GLUCOSE_HIGH.high ? 'high' : max > GLUCOSE_HIGH.medium ? 'medium' : 'low';
  const isLow = min < GLUCOSE_LOW.limit;
  const isHigh = max > GLUCOSE_HIGH.limit;
  if (isLow && isHigh) return SEVERITY_RANK[low] >= SEVERITY_RANK[high] ? low : high;
  return isLow ? low : high;
}

/** One insight per day for glucose, naming the low and/or the high reading. */
function glucoseInsight(date: LocalDate, day: HealthAggregate): HealthInsight | null {
  const min = day.minValue ?? day.value;
  const max = day.maxValue ?? day.value;
  const isLow = min < GLUCOSE_LOW.limit;
  const isHigh = max > GLUCOSE_HIGH.limit;
  if (!isLow && !isHigh) return null;
  const parts: string[] = [];
  if (isLow) parts.push(`as low as ${formatValue('BLOOD_GLUCOSE', min)}`);
  if (isHigh) parts.push(`as high as ${formatValue('BLOOD_GLUCOSE', max)}`);
  const range = `${GLUCOSE_LOW.limit}–${GLUCOSE_HIGH.limit} mg/dL`;
  return makeInsight({
    type: 'out_of_range',
    subject: 'BLOOD_GLUCOSE',
    date,
    severity: glucoseSeverity(min, max),
    message: `Your blood glucose went ${parts.join(' and ')} on ${date}, outside the usual range of ${range}.`,
    recommendation: `${isLow ? 'If you feel shaky, sweaty or confused, take fast-acting sugar and recheck. ' : ''}Talk to a clinician about these readings, especially if they repeat. ${NOT_ADVICE}`,
    data: {
      minValue: min,
      maxValue: max,
      lowLimit: GLUCOSE_LOW.limit,
      highLimit: GLUCOSE_HIGH.limit,
    },
  });
}

/** Days in the window whose SpO2 or glucose left the usual range. */
export function outOfRangeInsights(days: DayIndex, today: LocalDate): HealthInsight[] {
  const insights: HealthInsight[] = [];
  for (let back = OUT_OF_RANGE_DAYS - 1; back >= 0; back--) {
    const date = addDays(today, -back);
    const oxygen = days.get('OXYGEN_SATURATION')?.get(date);
    const glucose = days.get('BLOOD_GLUCOSE')?.get(date);
    const found = [oxygen && oxygenInsight(date, oxygen), glucose && glucoseInsight(date, glucose)];
    for (const insight of found) if (insight) insights.push(insight);
  }
  return insights;
}
