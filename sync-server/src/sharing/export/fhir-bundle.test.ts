import { beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_DATA_TYPES, type HealthDataType } from '@hearth/schema';
import { fhirSchemaErrors, fhirValidator } from '../../export/fhir-schema.test-helpers.js';
import { buildFhirBundle, FHIR_PATIENT, observationId, toObservation } from './fhir-bundle.js';
import { EXPORT_METRICS, exportValue, LOINC_SYSTEM, UCUM_SYSTEM } from './fhir-codes.js';
import type { SharedDay } from './shared-day.js';

function day(type: HealthDataType, value: number, extra: Partial<SharedDay> = {}): SharedDay {
  return {
    type,
    date: '2026-03-08',
    periodStart: '2026-03-08T00:00:00-05:00',
    start: '2026-03-08T00:00:00-05:00',
    end: '2026-03-09T00:00:00-04:00',
    value,
    sampleCount: 12,
    ...extra,
  };
}

// Compiling HL7's schema takes seconds on a loaded machine: a time limit, not about speed.
beforeAll(() => void fhirValidator(), 120_000);

const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';

describe('toObservation', () => {
  it('writes daily steps as LOINC 41950-7 in /d, category activity, for the local day', () => {
    const obs = toObservation(day('STEPS', 8123.6));
    expect(obs).toMatchObject({
      resourceType: 'Observation',
      id: 'steps-2026-03-08',
      status: 'final',
      category: [{ coding: [{ system: CATEGORY_SYSTEM, code: 'activity' }] }],
      code: { coding: [{ system: LOINC_SYSTEM, code: '41950-7' }] },
      effectivePeriod: { start: '2026-03-08T00:00:00-05:00', end: '2026-03-09T00:00:00-04:00' },
      valueQuantity: { value: 8124, system: UCUM_SYSTEM, code: '/d' },
    });
    expect(obs.subject).toEqual({ reference: `Patient/${FHIR_PATIENT.id}` });
    expect(obs).not.toHaveProperty('component');
  });

  it('gives heart rate the vital-signs category, /min, and the day’s range as components', () => {
    const obs = toObservation(day('HEART_RATE', 71.26, { minValue: 48, maxValue: 162 }));
    expect(obs.category[0]?.coding?.[0]?.code).toBe('vital-signs');
    expect(obs.code.coding?.[0]?.code).toBe('8867-4');
    expect(obs.valueQuantity).toEqual({
      value: 71.3,
      unit: 'beats/minute',
      system: UCUM_SYSTEM,
      code: '/min',
    });
    expect(obs.component?.map((c) => c.valueQuantity.value)).toEqual([48, 162]);
    expect(obs.component?.every((c) => c.valueQuantity.code === '/min')).toBe(true);
  });

  it('converts sleep minutes to hours (LOINC 93832-4, UCUM h)', () => {
    const obs = toObservation(day('SLEEP_ANALYSIS', 450));
    expect(obs.code.coding?.[0]?.code).toBe('93832-4');
    expect(obs.valueQuantity).toMatchObject({ value: 7.5, code: 'h' });
    expect(obs.category[0]?.coding?.[0]?.code).toBe('activity');
  });

  it('codes SpO2 with both 2708-6 and 59408-5', () => {
    const codes = toObservation(day('OXYGEN_SATURATION', 97.2)).code.coding?.map((c) => c.code);
    expect(codes).toEqual(['2708-6', '59408-5']);
  });

  it('gives distance a text-only code in metres, as LOINC has none for it', () => {
    const obs = toObservation(day('DISTANCE', 6423.4));
    expect(obs.code.coding).toBeUndefined();
    expect(obs.code.text).toMatch(/distance/i);
    expect(obs.valueQuantity).toMatchObject({ value: 6423, code: 'm', system: UCUM_SYSTEM });
  });

  it('maps every type to its LOINC code, UCUM unit and category', () => {
    const expected: Record<HealthDataType, [string | null, string, string]> = {
      STEPS: ['41950-7', '/d', 'activity'],
      DISTANCE: [null, 'm', 'activity'],
      HEART_RATE: ['8867-4', '/min', 'vital-signs'],
      RESTING_HEART_RATE: ['40443-4', '/min', 'vital-signs'],
      WEIGHT: ['29463-7', 'kg', 'vital-signs'],
      BODY_FAT: ['41982-0', '%', 'vital-signs'],
      SLEEP_ANALYSIS: ['93832-4', 'h', 'activity'],
      ACTIVE_ENERGY: ['41979-6', 'kcal', 'activity'],
      OXYGEN_SATURATION: ['2708-6', '%', 'vital-signs'],
      BLOOD_GLUCOSE: ['41653-7', 'mg/dL', 'vital-signs'],
    };
    for (const type of HEALTH_DATA_TYPES) {
      const m = EXPORT_METRICS[type];
      expect([m.loinc[0]?.code ?? null, m.ucum, m.category], type).toEqual(expected[type]);
    }
  });

  it('builds ids FHIR accepts', () => {
    for (const type of HEALTH_DATA_TYPES) {
      expect(observationId(day(type, 1))).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    }
  });
});

describe('exportValue', () => {
  it('rounds to the metric’s precision and never writes -0', () => {
    expect(exportValue('WEIGHT', 72.3456)).toBe(72.35);
    expect(exportValue('STEPS', 0.2)).toBe(0);
    expect(Object.is(exportValue('STEPS', -0.2), 0)).toBe(true);
  });
});

describe('buildFhirBundle', () => {
  it('is a collection bundle with one Observation per day, stamped with the given time', () => {
    const bundle = buildFhirBundle(
      [day('STEPS', 100), day('WEIGHT', 70, { minValue: 70, maxValue: 70 })],
      '2026-03-10T12:00:00.000Z',
    );
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: '2026-03-10T12:00:00.000Z',
    });
    expect(bundle).not.toHaveProperty('total');
    expect(bundle.entry.map((e) => e.resource.id)).toEqual([
      FHIR_PATIENT.id,
      'steps-2026-03-08',
      'weight-2026-03-08',
    ]);
  });

  it('holds only the Patient, with nothing but its id, when nothing was shared', () => {
    expect(buildFhirBundle([], '2026-03-10T12:00:00.000Z').entry).toEqual([
      { resource: { resourceType: 'Patient', id: FHIR_PATIENT.id } },
    ]);
  });

  it('conforms to the official R4 schema with a day of every type', () => {
    const days = HEALTH_DATA_TYPES.map((type) => day(type, 60, { minValue: 50, maxValue: 70 }));
    expect(fhirSchemaErrors(buildFhirBundle(days, '2026-03-10T12:00:00.000Z'))).toEqual([]);
  });
});
