import { errorCodes } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from '../errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './nesting.js';

/** Fastify's defaults: a `__proto__` key, or a `constructor` holding a `prototype`, is refused. */
const SECURE_OPTIONS = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * Parses an `application/json` body as Fastify's own parser does (decode, JSON.parse,
 * secure-json-parse's prototype checks) and throws the errors it would (empty, malformed,
 * poisoned), with one bound first: a body nesting deeper than MAX_JSON_DEPTH is refused after
 * one linear scan, so that no body costs more than a few times JSON.parse of its bytes
 * (bench/json-worst.ts).
 */
export function readJsonBody(body: Buffer): unknown {
  if (body.length === 0) throw new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY();
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
    throw new AppError('invalid-request', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return secureJson.parse(body.toString('utf8'), undefined, SECURE_OPTIONS);
  } catch {
    throw new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
  }
}
