import { ApiError, NetworkError } from '../api/http.js';

export type SyncError = { code: string; message: string };

/**
 * A replication failure worth showing, or null for "the server is unreachable" (the indicator
 * already says offline/reconnecting, and RxDB retries by itself).
 */
export function describeSyncError(error: unknown): SyncError | null {
  if (error instanceof NetworkError) return null;
  if (error instanceof ApiError) {
    if (error.status === 401) {
      return { code: 'unauthenticated', message: 'Your session ended: sign in again to sync.' };
    }
    return { code: error.code, message: error.message };
  }
  return { code: 'sync-failed', message: error instanceof Error ? error.message : String(error) };
}
