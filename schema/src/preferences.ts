import { z } from 'zod';
import { HEALTH_DATA_TYPES, healthDataTypeSchema, type HealthDataType } from './health-types.js';

/**
 * The units a person may choose to see each type in, the metric one first (the default where the
 * region has no other custom). Every one is an input unit core accepts, so a value typed in it
 * converts to canonical through the same table as an imported sample.
 */
export const DISPLAY_UNITS = {
  STEPS: ['steps'],
  DISTANCE: ['km', 'mi'],
  HEART_RATE: ['bpm'],
  RESTING_HEART_RATE: ['bpm'],
  WEIGHT: ['kg', 'lb', 'st'],
  BODY_FAT: ['%'],
  SLEEP_ANALYSIS: ['h'],
  ACTIVE_ENERGY: ['kcal', 'kJ'],
  OXYGEN_SATURATION: ['%'],
  BLOOD_GLUCOSE: ['mg/dL', 'mmol/L'],
} as const satisfies Record<HealthDataType, readonly [string, ...string[]]>;
export type DisplayUnit<T extends HealthDataType = HealthDataType> =
  (typeof DISPLAY_UNITS)[T][number];

export function isDisplayUnit(type: HealthDataType, unit: string): boolean {
  return (DISPLAY_UNITS[type] as readonly string[]).includes(unit);
}

/** The person's choice per type; a type not listed is shown in its region's default unit. */
export const displayUnitsSchema = z
  .partialRecord(healthDataTypeSchema, z.string().max(16))
  .refine(
    (units) => HEALTH_DATA_TYPES.every((t) => units[t] === undefined || isDisplayUnit(t, units[t])),
    { message: 'A unit that type cannot be shown in' },
  );
export type DisplayUnits = z.infer<typeof displayUnitsSchema>;

export const hourCycleSchema = z.enum(['h12', 'h23']);
export type HourCycle = z.infer<typeof hourCycleSchema>;

/** Dashboard cards: `order` first (listed types in that order, the rest after), `hidden` left out. */
export const dashboardPreferencesSchema = z.object({
  order: z.array(healthDataTypeSchema).max(HEALTH_DATA_TYPES.length).default([]),
  hidden: z.array(healthDataTypeSchema).max(HEALTH_DATA_TYPES.length).default([]),
});
export type DashboardPreferences = z.infer<typeof dashboardPreferencesSchema>;

/**
 * How the person likes to see their data. Every part has a default, so a settings document
 * written before preferences existed (or by a replica that does not know a part) reads as "the
 * region's defaults"; `hourCycle` absent means the locale's own.
 */
export const preferencesSchema = z.object({
  displayUnits: displayUnitsSchema.default({}),
  hourCycle: hourCycleSchema.optional(),
  dashboard: dashboardPreferencesSchema.default({ order: [], hidden: [] }),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export function defaultPreferences(): Preferences {
  return { displayUnits: {}, dashboard: { order: [], hidden: [] } };
}
