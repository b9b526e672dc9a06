import type { FhirObservation, FhirQuantity } from '../sharing/export/fhir-bundle.js';
import { baseObservation, FHIR_PATIENT, quantity } from '../sharing/export/fhir-bundle.js';
import { UCUM_SYSTEM } from '../sharing/export/fhir-codes.js';
import type { ExportRecord, RollupRecord, SampleRecord } from './account-records.js';

/** Observation ids are `[A-Za-z0-9-.]{1,64}`: a running number is unique within the bundle. */
const idOf = (kind: ExportRecord['kind'], n: number) => `${kind}-${n}`;

/**
 * A sample's quantity: the codes of the daily export (fhir-codes.ts), except steps, whose daily
 * code counts per day (`/d`) while a sample counts steps over its own interval.
 */
function sampleQuantity(sample: SampleRecord): FhirQuantity {
  const daily = quantity(sample.type, sample.value);
  return sample.type === 'STEPS' ? { ...daily, unit: 'steps', code: '{steps}' } : daily;
}

function sampleObservation(sample: SampleRecord, n: number): FhirObservation {
  const observation = baseObservation(
    sample.type,
    idOf('sample', n),
    sample,
    sampleQuantity(sample),
  );
  const stage = sample.stage ? `, sleep stage ${sample.stage}` : '';
  observation.note = [{ text: `Sample from ${sample.source}${stage}.` }];
  return observation;
}

function rollupObservation(rollup: RollupRecord, n: number): FhirObservation {
  const daily = quantity(rollup.type, rollup.value);
  // Only a day's sum is "per day"; an hour, week or month keeps the unit without the rate.
  const value: FhirQuantity =
    rollup.type === 'STEPS' && rollup.period !== 'day'
      ? { ...daily, unit: 'steps', code: '{steps}', system: UCUM_SYSTEM }
      : daily;
  const observation = baseObservation(rollup.type, idOf('rollup', n), rollup, value);
  const samples = rollup.sampleCount === 1 ? '1 sample' : `${rollup.sampleCount} samples`;
  observation.note = [
    { text: `${rollup.period} figure from ${samples}, deduplicated across devices.` },
  ];
  return observation;
}

/**
 * A FHIR R4 `collection` Bundle of the Patient and every record, written as text chunks one entry at a time
 * (JSON.stringify of a whole account would hold it all in memory twice).
 */
export async function* fhirBundleChunks(
  records: AsyncIterable<ExportRecord>,
  generatedAt: string,
): AsyncGenerator<string> {
  const head = { resourceType: 'Bundle', type: 'collection', timestamp: generatedAt };
  yield `${JSON.stringify({ ...head, meta: { lastUpdated: generatedAt } }).slice(0, -1)},"entry":[`;
  yield `\n${JSON.stringify({ resource: FHIR_PATIENT })}`;
  let n = 0;
  for await (const record of records) {
    const resource =
      record.kind === 'sample' ? sampleObservation(record, n) : rollupObservation(record, n);
    yield `,\n${JSON.stringify({ resource })}`;
    n++;
  }
  yield '\n]}\n';
}
