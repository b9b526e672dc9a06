import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorCode, type ErrorResponse } from '@hearth/schema';

/** An expected failure with a stable code; the one error handler maps it to HTTP. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get statusCode(): number {
    return ERROR_CODES[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorResponse {
  return details === undefined
    ? { error: { code, message } }
    : { error: { code, message, details } };
}

/** Fastify's own client errors (bad JSON, wrong content type, body too large, ...). */
function codeForFastifyError(err: FastifyError): ErrorCode | null {
  const status = err.statusCode ?? 500;
  if (status === 413) return 'payload-too-large';
  if (status === 429) return 'rate-limited';
  if (status === 404) return 'not-found';
  if (status === 401) return 'unauthenticated';
  if (status >= 400 && status < 500) return 'invalid-request';
  return null;
}

function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown) {
  return reply.code(ERROR_CODES[code]).send(errorBody(code, message, details));
}

function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return sendError(reply, err.code, err.message, err.details);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: v.instancePath,
      message: v.message ?? 'invalid',
    }));
    const where = err.validationContext ?? 'request';
    return sendError(reply, 'invalid-request', `Invalid ${where}`, { issues });
  }
  const clientCode = codeForFastifyError(err);
  if (clientCode) {
    return sendError(reply, clientCode, err.message);
  }
  // Unexpected: log it (never the body) and answer without leaking a stack or SQL detail.
  request.log.error({ err }, 'unhandled error');
  return sendError(reply, 'internal', 'Internal server error');
}

/** Installs the one error handler and the JSON 404. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'not-found', `No route for ${request.method} here`),
  );
}
