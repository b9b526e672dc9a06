// The instant grammar is a wire fact: it lives in @hearth/schema (schema/src/instant.ts), where the
// API's zod `instantSchema` refines with the same function. Core's readers import it from here.
export { parseInstant } from '@hearth/schema';
