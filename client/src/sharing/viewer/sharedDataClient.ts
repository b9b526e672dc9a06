import { sharedDataSchema, type SharedData } from '@hearth/schema';

export const SHARED_DATA_BASE = '/api/v1/sharing/data';

export type SharedDataResult =
  | { status: 'ok'; data: SharedData }
  | { status: 'not-found' }
  | { status: 'rate-limited' }
  | { status: 'unreachable' }
  | { status: 'error'; httpStatus: number };

export function sharedDataUrl(accessCode: string, format: 'json' | 'fhir' | 'csv'): string {
  const base = `${SHARED_DATA_BASE}/${encodeURIComponent(accessCode)}`;
  return format === 'json' ? base : `${base}/${format}`;
}

/**
 * The public share endpoint, with a plain fetch: no session, no cookies sent (the viewer is
 * often a clinician's browser that has nothing to do with the owner's account).
 */
export async function fetchSharedData(
  accessCode: string,
  signal?: AbortSignal,
): Promise<SharedDataResult> {
  let response: Response;
  try {
    response = await fetch(sharedDataUrl(accessCode, 'json'), {
      credentials: 'omit',
      cache: 'no-store',
      headers: { accept: 'application/json' },
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    return { status: 'unreachable' };
  }
  if (response.status === 404) return { status: 'not-found' };
  if (response.status === 429) return { status: 'rate-limited' };
  if (!response.ok) return { status: 'error', httpStatus: response.status };
  return { status: 'ok', data: sharedDataSchema.parse(await response.json()) };
}
