/// <reference types="fhir" />
import type { HealthDataType } from '@hearth/schema';
import {
  CATEGORY_DISPLAY,
  EXPORT_METRICS,
  exportValue,
  LOINC_SYSTEM,
  OBSERVATION_CATEGORY_SYSTEM,
  UCUM_SYSTEM,
} from './fhir-codes.js';
import type { SharedDay } from './shared-day.js';

// FHIR resources as @types/fhir declares them (https://hl7.org/fhir/R4/observation.html), with
// the elements this export always writes made required. @types/fhir 3 is FHIR STU3; the elements
// used here are the same in R4, and the tests validate every resource against the R4 schema.

/** A quantity in UCUM, every element present. */
export type FhirQuantity = Required<Pick<fhir.Quantity, 'value' | 'unit' | 'system' | 'code'>>;

export type FhirCodeableConcept = fhir.CodeableConcept;

export interface FhirObservationComponent extends fhir.ObservationComponent {
  valueQuantity: FhirQuantity;
}

export interface FhirObservation extends fhir.Observation {
  resourceType: 'Observation';
  id: string;
  status: 'final';
  category: FhirCodeableConcept[];
  effectivePeriod: { start: string; end: string };
  valueQuantity: FhirQuantity;
  subject: fhir.Reference;
  component?: FhirObservationComponent[];
  /** R4's `note` (STU3 called it `comment`, a single string). */
  note?: Array<{ text: string }>;
}

/**
 * The person every Observation is about. The vital-signs profile requires `subject`, so each
 * bundle holds one Patient, and it carries nothing but its id: a share link and an account export
 * deliver figures, never the name, birth date or email of the person they belong to.
 */
export const FHIR_PATIENT: fhir.Patient & { resourceType: 'Patient'; id: string } = {
  resourceType: 'Patient',
  id: 'person',
};
const SUBJECT: fhir.Reference = { reference: `Patient/${FHIR_PATIENT.id}` };

export interface FhirBundle extends fhir.Bundle {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  meta: { lastUpdated: string };
  entry: Array<{ resource: FhirObservation | typeof FHIR_PATIENT }>;
}

export function quantity(type: HealthDataType, canonical: number): FhirQuantity {
  const metric = EXPORT_METRICS[type];
  return {
    value: exportValue(type, canonical),
    unit: metric.unit,
    system: UCUM_SYSTEM,
    code: metric.ucum,
  };
}

/** `code`: the LOINC codings, or text only where LOINC has no code for the measure. */
function observationCode(type: HealthDataType): FhirCodeableConcept {
  const metric = EXPORT_METRICS[type];
  if (metric.loinc.length === 0) return { text: metric.text };
  return {
    coding: metric.loinc.map((c) => ({ system: LOINC_SYSTEM, code: c.code, display: c.display })),
    text: metric.text,
  };
}

/** The day's lowest and highest readings, for types measured as discrete readings. */
function rangeComponents(day: SharedDay): FhirObservationComponent[] {
  if (day.minValue === undefined || day.maxValue === undefined) return [];
  const name = EXPORT_METRICS[day.type].text.split(',')[0] ?? day.type;
  return [
    {
      code: { text: `${name}, lowest reading of the day` },
      valueQuantity: quantity(day.type, day.minValue),
    },
    {
      code: { text: `${name}, highest reading of the day` },
      valueQuantity: quantity(day.type, day.maxValue),
    },
  ];
}

/**
 * An Observation of one figure of `type` over `period` about the bundle's Patient, with its
 * category and LOINC code; callers add components and notes.
 */
export function baseObservation(
  type: HealthDataType,
  id: string,
  period: { start: string; end: string },
  valueQuantity: FhirQuantity,
): FhirObservation {
  const metric = EXPORT_METRICS[type];
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [
      {
        coding: [
          {
            system: OBSERVATION_CATEGORY_SYSTEM,
            code: metric.category,
            display: CATEGORY_DISPLAY[metric.category],
          },
        ],
      },
    ],
    code: observationCode(type),
    subject: SUBJECT,
    effectivePeriod: { start: period.start, end: period.end },
    valueQuantity,
  };
}

/** Observation ids are `[A-Za-z0-9-.]{1,64}`: `resting-heart-rate-2026-03-08`. */
export function observationId(day: SharedDay): string {
  return `${day.type.toLowerCase().replace(/_/g, '-')}-${day.date}`;
}

/** One day of one type as an Observation. */
export function toObservation(day: SharedDay): FhirObservation {
  const observation = baseObservation(
    day.type,
    observationId(day),
    day,
    quantity(day.type, day.value),
  );
  const components = rangeComponents(day);
  if (components.length > 0) observation.component = components;
  const samples = day.sampleCount === 1 ? '1 sample' : `${day.sampleCount} samples`;
  observation.note = [{ text: `Daily figure from ${samples}, deduplicated across devices.` }];
  return observation;
}

/** A FHIR R4 `collection` Bundle: the Patient, then one Observation per shared day and type. */
export function buildFhirBundle(days: readonly SharedDay[], generatedAt: string): FhirBundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: generatedAt,
    meta: { lastUpdated: generatedAt },
    entry: [{ resource: FHIR_PATIENT }, ...days.map((day) => ({ resource: toObservation(day) }))],
  };
}
