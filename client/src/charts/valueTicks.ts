import { toCanonicalUnit } from '@hearth/core';
import type { HealthDataType } from '@hearth/schema';
import { scaleLinear } from '@visx/scale';
import { format } from '../format/currentFormat.js';
import { inUnit } from '../format/units.js';

/**
 * Value-axis ticks (canonical values) that read as round numbers in the unit the axis shows.
 * Sleep is stored in minutes but read in hours, so its ticks fall on whole hours (every 1, 2,
 * 3… h, at most `maxTicks`): a scale's "nice" minutes would label 8.3 h. Other types get the
 * scale's nice numbers in the display unit (150, 160 lb, not 154.3 lb for 70 kg). Undefined
 * where the display unit is the canonical one: the scale's own ticks already read well.
 */
export function valueTicks(
  type: HealthDataType,
  domain: [number, number],
  maxTicks = 5,
): number[] | undefined {
  const [lo, hi] = domain;
  if (type === 'SLEEP_ANALYSIS') {
    const step = Math.max(1, Math.ceil((hi - lo) / 60 / maxTicks)) * 60;
    const ticks: number[] = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) ticks.push(v);
    return ticks;
  }
  const shown = format().unitOf(type);
  // Stones are labelled in pounds on an axis (formatter.axisValue), so their ticks are too.
  const unit = type === 'WEIGHT' && shown === 'st' ? 'lb' : shown;
  if (toCanonicalUnit(type, 1, unit) === 1) return undefined;
  return scaleLinear<number>({ domain: [inUnit(type, lo, unit), inUnit(type, hi, unit)] })
    .ticks(maxTicks)
    .map((v) => toCanonicalUnit(type, v, unit) ?? v);
}
