import { beforeAll, describe, expect, it } from 'vitest';
import { fhirSchemaErrors, fhirValidator } from './fhir-schema.test-helpers.js';

// Compiling HL7's schema of every resource takes seconds on a loaded machine: a time limit only.
beforeAll(() => void fhirValidator(), 120_000);

describe('the official FHIR R4 schema, as the export tests use it', () => {
  it('accepts a conforming Patient', () => {
    expect(fhirSchemaErrors({ resourceType: 'Patient', id: 'me', active: true })).toEqual([]);
  });

  it('refuses a misspelt field, a wrong status and a missing code', () => {
    expect(fhirSchemaErrors({ resourceType: 'Patient', id: 'me', activ: true })).not.toEqual([]);
    const steps = { resourceType: 'Observation', status: 'final', code: { text: 'Steps' } };
    expect(fhirSchemaErrors(steps)).toEqual([]);
    expect(fhirSchemaErrors({ ...steps, status: 'done' })).not.toEqual([]);
    expect(fhirSchemaErrors({ ...steps, code: undefined })).not.toEqual([]);
  });
});
