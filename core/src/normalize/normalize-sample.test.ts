import { HEALTH_DATA_TYPES, healthSampleSchema, type SampleErrorCode } from '@hearth/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeSample, normalizeSamplePoint, type NormalizeResult } from './normalize-sample.js';

const base = {
  type: 'HEART_RATE',
  value: 72,
  unit: 'bpm',
  startDate: '2026-01-01T10:00:00+01:00',
  endDate: '2026-01-01T10:00:00+01:00',
};

function errorOf(result: NormalizeResult): { code: SampleErrorCode; message: string } {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

function expectError(raw: unknown, code: SampleErrorCode, message: string | RegExp, now?: number) {
  const error = errorOf(normalizeSample(raw, now === undefined ? {} : { now }));
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

describe('normalizeSample output', () => {
  it('returns the canonical sample with UTC instants', () => {
    const result = normalizeSample({
      ...base,
      type: 'DISTANCE',
      value: 2,
      unit: 'mi',
      endDate: '2026-01-01T10:30:00.250+01:00',
      sourceDevice: 'watch-1',
      sourceApp: 'Workout',
      metadata: { indoor: false },
    });
    expect(result).toEqual({
      ok: true,
      sample: {
        type: 'DISTANCE',
        value: 3218.688,
        unit: 'meters',
        startDate: '2026-01-01T09:00:00.000Z',
        endDate: '2026-01-01T09:30:00.250Z',
        sourceDevice: 'watch-1',
        sourceApp: 'Workout',
        metadata: { indoor: false },
      },
    });
    if (result.ok) expect(healthSampleSchema.parse(result.sample)).toEqual(result.sample);
  });

  it('lets the authenticated device override the claimed source, and fills a missing one', () => {
    const claimed = normalizeSample(
      { ...base, sourceDevice: 'spoofed' },
      { sourceDevice: 'dev-1' },
    );
    expect(claimed.ok && claimed.sample.sourceDevice).toBe('dev-1');
    const missing = normalizeSample(base, { sourceDevice: 'dev-1' });
    expect(missing.ok && missing.sample.sourceDevice).toBe('dev-1');
    const none = normalizeSample(base);
    expect(none.ok && none.sample.sourceDevice).toBe('');
  });

  it('accepts its own output again unchanged (canonical units round-trip)', () => {
    const inputs: Record<(typeof HEALTH_DATA_TYPES)[number], [number, string]> = {
      STEPS: [120, 'count'],
      DISTANCE: [0.3, 'mi'],
      HEART_RATE: [72, 'count/min'],
      RESTING_HEART_RATE: [55, '/min'],
      WEIGHT: [160, 'lb'],
      BODY_FAT: [0.21, 'fraction'],
      SLEEP_ANALYSIS: [1.5, 'h'],
      ACTIVE_ENERGY: [300, 'kJ'],
      OXYGEN_SATURATION: [0.96, 'fraction'],
      BLOOD_GLUCOSE: [6.1, 'mmol<180.1558800000541>/L'],
    };
    // Sleep minutes must fit in the sample's interval: give every sample two hours.
    const endDate = '2026-01-01T12:00:00+01:00';
    for (const type of HEALTH_DATA_TYPES) {
      const [value, unit] = inputs[type];
      const first = normalizeSample({ ...base, type, value, unit, endDate });
      if (!first.ok) throw new Error(first.error.message);
      expect(normalizeSample(first.sample)).toEqual(first);
    }
  });

  it('turns -0 into 0', () => {
    const result = normalizeSample({ ...base, type: 'STEPS', value: -0, unit: 'steps' });
    expect(result.ok && Object.is(result.sample.value, 0)).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const result = normalizeSample(raw);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom(...HEALTH_DATA_TYPES, 'NOPE'),
          value: fc.double(),
          unit: fc.constantFrom('%', 'fraction', 'bpm', 'kg', 'lb', 'mmol/L', 'xyz'),
          startDate: fc.constantFrom(base.startDate, 'bad', '2026-01-01T09:00:00Z'),
          endDate: fc.constantFrom(base.endDate, '2026-01-02T12:00:00Z'),
        }),
        (raw) => {
          const result = normalizeSample(raw, { now: Date.UTC(2026, 0, 1) });
          if (result.ok) expect(healthSampleSchema.safeParse(result.sample).success).toBe(true);
        },
      ),
    );
  });
});

describe('normalizeSample errors', () => {
  it('rejects what is not a sample object', () => {
    const message = 'A sample must be an object with type, value, unit, startDate and endDate.';
    for (const raw of [null, undefined, 42, 'STEPS', [base]]) {
      expectError(raw, 'sample-invalid-shape', message);
    }
    expectError({ ...base, type: 7 }, 'sample-invalid-shape', 'type must be a string.');
    expectError({ ...base, unit: null }, 'sample-invalid-shape', 'unit must be a string.');
    const optional =
      'sourceDevice and sourceApp must be strings and metadata an object when given.';
    expectError({ ...base, sourceDevice: 3 }, 'sample-invalid-shape', optional);
    expectError({ ...base, sourceApp: {} }, 'sample-invalid-shape', optional);
    expectError({ ...base, metadata: [] }, 'sample-invalid-shape', optional);
  });

  it('rejects an unknown type and names the known ones', () => {
    expectError(
      { ...base, type: 'BLOOD_PRESSURE' },
      'sample-unknown-type',
      'Unknown type "BLOOD_PRESSURE"; expected one of STEPS, DISTANCE, HEART_RATE, RESTING_HEART_RATE, WEIGHT, BODY_FAT, SLEEP_ANALYSIS, ACTIVE_ENERGY, OXYGEN_SATURATION, BLOOD_GLUCOSE.',
    );
    expectError(
      { ...base, type: 'x'.repeat(500) },
      'sample-unknown-type',
      /^Unknown type "x{40}…"/,
    );
  });

  it('rejects a value that is not a finite number', () => {
    for (const value of [Number.NaN, Infinity, -Infinity, '72', null, undefined]) {
      expectError({ ...base, value }, 'sample-invalid-value', 'value must be a finite number.');
    }
  });

  it('rejects a unit the type does not accept and lists the accepted ones', () => {
    expectError(
      { ...base, type: 'WEIGHT', unit: 'lbs' },
      'sample-unknown-unit',
      'Unit "lbs" is not accepted for WEIGHT; use one of kg, g, lb, st.',
    );
    expectError(
      { ...base, unit: 'kg' },
      'sample-unknown-unit',
      'Unit "kg" is not accepted for HEART_RATE; use one of bpm, count/min, /min.',
    );
  });

  it('rejects dates without an offset, and non-dates', () => {
    const hint = 'an ISO 8601 date-time with an offset or Z, e.g. 2026-01-01T10:00:00Z.';
    expectError(
      { ...base, startDate: '2026-01-01T10:00:00' },
      'sample-invalid-date',
      `startDate must be ${hint}`,
    );
    expectError(
      { ...base, startDate: 1767258000000 },
      'sample-invalid-date',
      `startDate must be ${hint}`,
    );
    expectError({ ...base, endDate: 'tomorrow' }, 'sample-invalid-date', `endDate must be ${hint}`);
    expectError({ ...base, endDate: undefined }, 'sample-invalid-date', `endDate must be ${hint}`);
  });

  it('rejects an end before the start', () => {
    expectError(
      { ...base, endDate: '2026-01-01T08:59:59Z' },
      'sample-end-before-start',
      'endDate is before startDate.',
    );
  });

  it('rejects samples spanning more than 24 hours and says why', () => {
    const span = { ...base, type: 'STEPS', unit: 'steps', value: 100 };
    const ok = normalizeSample({ ...span, endDate: '2026-01-02T10:00:00+01:00' });
    expect(ok.ok).toBe(true);
    expectError(
      { ...span, endDate: '2026-01-02T10:00:00.001+01:00' },
      'sample-invalid-date',
      'A sample may span at most 24 hours (rollups are recomputed with one day of margin); split longer samples.',
    );
  });

  it('rejects a sample ending more than 5 minutes after now, only when now is given', () => {
    const now = Date.UTC(2026, 0, 1, 9);
    // Started in the past: it is the end that has not happened yet.
    const future = {
      ...base,
      type: 'STEPS',
      unit: 'count',
      value: 10,
      startDate: '2026-01-01T08:00:00Z',
      endDate: '2026-01-01T09:05:00.001Z',
    };
    expectError(
      future,
      'sample-in-future',
      'endDate is more than 5 minutes in the future; check the device clock and time zone.',
      now,
    );
    expect(normalizeSample({ ...future, endDate: '2026-01-01T09:05:00Z' }, { now }).ok).toBe(true);
    expect(normalizeSample(future).ok).toBe(true);
    // A point reading an hour ahead (the old rule let a whole day through).
    expectError(
      { ...base, startDate: '2026-01-01T10:00:00Z', endDate: '2026-01-01T10:00:00Z' },
      'sample-in-future',
      /more than 5 minutes in the future/,
      now,
    );
  });

  it('refuses dates no layer can store, each with its own message', () => {
    const at = (startDate: string, endDate = startDate) => ({ ...base, startDate, endDate });
    const early = 'startDate is before 1900-01-01T00:00:00Z; check the device clock.';
    const late = 'endDate is after 2200-01-01T00:00:00Z; check the device clock.';
    expectError(at('0000-01-01T00:00:00Z'), 'sample-invalid-date', early);
    expectError(at('0001-01-01T00:00:00Z'), 'sample-invalid-date', early);
    expectError(at('1899-12-31T23:59:59.999Z'), 'sample-invalid-date', early);
    expectError(at('1900-01-01T00:30:00+01:00'), 'sample-invalid-date', early);
    expectError(at('9999-12-31T23:59:59Z'), 'sample-invalid-date', /^startDate is after 2200/);
    expectError(
      at('2199-12-31T23:00:00Z', '2200-01-01T00:00:00.001Z'),
      'sample-invalid-date',
      late,
    );
    // Six-digit years are no ISO 8601 this reader takes.
    expectError(at('+275760-09-13T00:00:00Z'), 'sample-invalid-date', /^startDate must be an ISO/);
    expect(normalizeSample(at('1900-01-01T00:00:00Z')).ok).toBe(true);
    expect(normalizeSample(at('2199-12-31T23:00:00Z', '2200-01-01T00:00:00Z')).ok).toBe(true);
  });

  it('gives normalizeSamplePoint the same date refusals', () => {
    for (const startDate of ['0000-01-01T00:00:00Z', '9999-01-01T00:00:00Z']) {
      const point = normalizeSamplePoint({ ...base, startDate, endDate: startDate });
      expect(point.ok ? null : point.error.code).toBe('sample-invalid-date');
    }
  });
});

describe('sleep stages', () => {
  const night = {
    type: 'SLEEP_ANALYSIS',
    value: 30,
    unit: 'min',
    startDate: '2026-01-01T01:00:00Z',
    endDate: '2026-01-01T01:30:00Z',
  };

  it('keeps the stage of a sleep sample, absent meaning asleep', () => {
    for (const stage of ['inBed', 'core', 'deep', 'rem', 'awake']) {
      const result = normalizeSample({ ...night, sleepStage: stage });
      expect(result.ok && result.sample.sleepStage).toBe(stage);
      expect(normalizeSamplePoint({ ...night, sleepStage: stage })).toMatchObject({
        ok: true,
        stage: expect.any(Number),
      });
    }
    // Asleep is the default, stored as no stage at all.
    for (const raw of [night, { ...night, sleepStage: 'asleep' }]) {
      const result = normalizeSample(raw);
      expect(result.ok && 'sleepStage' in result.sample).toBe(false);
      expect(normalizeSamplePoint(raw)).not.toHaveProperty('stage');
    }
  });

  it('refuses an unknown stage, and a stage on another type', () => {
    const known = 'expected one of inBed, asleep, core, deep, rem, awake.';
    expectError(
      { ...night, sleepStage: 'AsleepREM' },
      'sample-invalid-stage',
      `Unknown sleepStage "AsleepREM"; ${known}`,
    );
    expectError(
      { ...night, sleepStage: 3 },
      'sample-invalid-stage',
      `sleepStage must be a string; ${known}`,
    );
    expectError(
      { ...base, sleepStage: 'rem' },
      'sample-invalid-stage',
      'sleepStage is only for SLEEP_ANALYSIS samples.',
    );
  });
});

describe('plausible ranges', () => {
  const cases: Array<[string, string, number[], number[], string]> = [
    ['HEART_RATE', 'bpm', [20, 300], [19.9, 301], 'Heart Rate must be between 20 and 300 bpm.'],
    [
      'RESTING_HEART_RATE',
      'bpm',
      [20, 250, 300],
      [19, 301],
      'Resting HR must be between 20 and 300 bpm.',
    ],
    [
      'OXYGEN_SATURATION',
      '%',
      [40, 100],
      [100.1, 0, -1],
      'SpO2 must be more than 1 and at most 100 %.',
    ],
    [
      'BODY_FAT',
      '%',
      [1.5, 80, 100],
      [100.5, -2],
      'Body Fat must be more than 1 and at most 100 %.',
    ],
    [
      'WEIGHT',
      'kg',
      [0.4, 700, 1000],
      [0, -1, 1001],
      'Weight must be more than 0 and at most 1,000 kg.',
    ],
    [
      'BLOOD_GLUCOSE',
      'mg/dL',
      [0, 5, 2656, 5000],
      [-1, 5001],
      'Glucose must be between 0 and 5,000 mg/dL.',
    ],
    [
      'DISTANCE',
      'm',
      [0, 1.2e6, 2e6],
      [-0.1, 2e6 + 1],
      'Distance must be between 0 and 2,000,000 meters.',
    ],
    [
      'ACTIVE_ENERGY',
      'kcal',
      [0, 25_000, 50_000],
      [-1, 50_001],
      'Calories must be between 0 and 50,000 kcal.',
    ],
    [
      'STEPS',
      'count',
      [0, 426, 1e6],
      [-1, 1e6 + 1],
      'Steps must be between 0 and 1,000,000 steps.',
    ],
  ];

  it.each(cases)('%s accepts %j and rejects %j', (type, unit, good, bad, message) => {
    for (const value of good) expect(normalizeSample({ ...base, type, unit, value }).ok).toBe(true);
    for (const value of bad)
      expectError({ ...base, type, unit, value }, 'sample-out-of-range', message);
  });

  it('accepts what old iPhones wrote: 426 steps in 5 seconds, and a zero-length step record', () => {
    const burst = { ...base, type: 'STEPS', unit: 'count', endDate: '2026-01-01T10:00:05+01:00' };
    expect(normalizeSample({ ...burst, value: 426 })).toMatchObject({ ok: true });
    expect(normalizeSample({ ...base, type: 'STEPS', unit: 'count', value: 5000 }).ok).toBe(true);
  });

  it('bounds sleep minutes by the sample’s own interval, in whatever unit they came', () => {
    const night = {
      ...base,
      type: 'SLEEP_ANALYSIS',
      startDate: '2026-01-01T23:00:00Z',
      endDate: '2026-01-02T06:30:00Z',
    };
    const message =
      "Sleep must be at least 0 minutes and at most the sample's own interval (endDate − startDate).";
    expect(normalizeSample({ ...night, unit: 'min', value: 450 }).ok).toBe(true);
    expect(normalizeSample({ ...night, unit: 'hr', value: 7.5 })).toMatchObject({
      ok: true,
      sample: { value: 450 },
    });
    expect(normalizeSample({ ...night, unit: 's', value: 27_000 }).ok).toBe(true);
    expectError({ ...night, unit: 'min', value: 450.1 }, 'sample-out-of-range', message);
    expectError({ ...night, unit: 'hr', value: 7.6 }, 'sample-out-of-range', message);
    expectError({ ...night, unit: 'min', value: -1 }, 'sample-out-of-range', message);
    expectError(
      { ...base, type: 'SLEEP_ANALYSIS', unit: 'min', value: 1 },
      'sample-out-of-range',
      message,
    );
    expect(normalizeSample({ ...base, type: 'SLEEP_ANALYSIS', unit: 'min', value: 0 }).ok).toBe(
      true,
    );
    // Hours that do not convert exactly to the interval's minutes still fit (7.3 h × 60).
    const odd = { ...night, endDate: '2026-01-02T06:18:00Z', unit: 'hr', value: 7.3 };
    expect(normalizeSample(odd).ok).toBe(true);
  });

  it('rejects a value that overflows when converted', () => {
    expectError(
      { ...base, type: 'DISTANCE', unit: 'km', value: 1e308 },
      'sample-out-of-range',
      'Distance must be between 0 and 2,000,000 meters.',
    );
  });

  it('checks the range after converting units', () => {
    expect(normalizeSample({ ...base, type: 'WEIGHT', unit: 'lb', value: 2204 }).ok).toBe(true);
    expectError(
      { ...base, type: 'WEIGHT', unit: 'lb', value: 2205 },
      'sample-out-of-range',
      /Weight/,
    );
    expect(normalizeSample({ ...base, type: 'BLOOD_GLUCOSE', unit: 'mmol/L', value: 5.4 }).ok).toBe(
      true,
    );
    expectError(
      { ...base, type: 'BLOOD_GLUCOSE', unit: 'mmol/L', value: 300 },
      'sample-out-of-range',
      /Glucose/,
    );
  });

  it('recognises a percentage sent as a fraction and says how to fix it', () => {
    const message = (name: string) =>
      `${name} in % must be more than 1 and at most 100; a value of 1 or less looks like a fraction: send unit "fraction", or multiply by 100 and send "%".`;
    expectError(
      { ...base, type: 'OXYGEN_SATURATION', unit: '%', value: 0.97 },
      'sample-percent-as-fraction',
      message('SpO2'),
    );
    expectError(
      { ...base, type: 'BODY_FAT', unit: '%', value: 0.2 },
      'sample-percent-as-fraction',
      message('Body Fat'),
    );
    // 0.005 % is no reading, and its hundredfold (0.5 %) is none either.
    expectError(
      { ...base, type: 'BODY_FAT', unit: '%', value: 0.005 },
      'sample-out-of-range',
      /Body Fat/,
    );
    expect(
      normalizeSample({ ...base, type: 'OXYGEN_SATURATION', unit: 'fraction', value: 0.97 }),
    ).toMatchObject({
      ok: true,
      sample: { value: 97, unit: '%' },
    });
  });

  it('hints at % when a fraction is sent as 0–100', () => {
    expectError(
      { ...base, type: 'OXYGEN_SATURATION', unit: 'fraction', value: 97 },
      'sample-out-of-range',
      'SpO2 must be more than 1 and at most 100 %. With unit "fraction" send a value from 0 to 1, or send unit "%" for 0–100.',
    );
  });
});

describe('normalizeSamplePoint', () => {
  const dates = fc.oneof(
    fc
      .integer({ min: Date.UTC(2025, 11, 30), max: Date.UTC(2026, 0, 3) })
      .map((ms) => new Date(ms).toISOString()),
    fc.constantFrom(base.startDate, '2026-01-01T10:00Z', '2026-01-01T10:00:00', 'bad'),
  );
  const raw = fc.oneof(
    fc.record(
      {
        type: fc.constantFrom(...HEALTH_DATA_TYPES, 'NOPE'),
        value: fc.oneof(fc.double(), fc.integer({ min: -5, max: 400 }), fc.string()),
        unit: fc.constantFrom('%', 'fraction', 'bpm', 'kg', 'count', 'min', 'kJ', 'mmol/L', 'x'),
        startDate: dates,
        endDate: dates,
        sourceApp: fc.oneof(fc.string(), fc.integer()),
      },
      { requiredKeys: ['type', 'value', 'unit', 'startDate', 'endDate'] },
    ),
    fc.anything(),
  );

  it('accepts and rejects exactly what normalizeSample does, as numbers', () => {
    fc.assert(
      fc.property(
        raw,
        fc.option(fc.constant(Date.UTC(2026, 0, 1)), { nil: undefined }),
        (r, now) => {
          const sample = normalizeSample(r, now === undefined ? {} : { now });
          const point = normalizeSamplePoint(r, now);
          if (!sample.ok) {
            expect(point).toEqual(sample);
            return;
          }
          expect(point).toEqual({
            ok: true,
            type: sample.sample.type,
            start: Date.parse(sample.sample.startDate),
            end: Date.parse(sample.sample.endDate),
            value: sample.sample.value,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
