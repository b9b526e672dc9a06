import { errorResponseSchema } from '@hearth/schema';

/** The server answered with an error; `code` is one of the API's stable error codes. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From a 429's or 503's `Retry-After` header, when it gave a number of seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function retryAfterSeconds(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** The server could not be reached at all (offline, DNS, connection refused). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server cannot be reached', { cause });
    this.name = 'NetworkError';
  }
}

export const API_BASE = '/api/v1';

/** Anything that turns an unknown JSON body into a typed value (a zod schema, typically). */
export type BodyParser<T> = { parse(data: unknown): T };

type RequestOptions<T> = {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Parses the response body; without it the body is ignored. */
  schema?: BodyParser<T>;
  signal?: AbortSignal;
};

async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = errorResponseSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { code, message } = parsed.data.error;
      return new ApiError(response.status, code, message, retryAfterSeconds(response));
    }
  } catch {
    // Not JSON (a proxy's error page, say): fall through to a generic error.
  }
  const message = `The server answered ${response.status}`;
  return new ApiError(response.status, 'http-error', message, retryAfterSeconds(response));
}

/** One JSON request to the Hearth API with the session cookie; throws ApiError or NetworkError. */
export async function apiRequest<T = undefined>(
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
  };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  if (options.signal) init.signal = options.signal;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new NetworkError(cause);
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (!options.schema) return undefined as T;
  return options.schema.parse(await response.json());
}
