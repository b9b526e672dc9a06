import { ApiError, NetworkError } from '../../api/http.js';

/** A sentence for a failed sharing call: the server's own message, or why it was not reached. */
export function sharingErrorText(err: unknown): string {
  if (err instanceof NetworkError) {
    return 'The server cannot be reached. Sharing needs a connection; try again when online.';
  }
  if (err instanceof ApiError) {
    if (err.status === 401) return 'Your session has ended. Sign in again to manage share links.';
    return err.message;
  }
  return 'Something went wrong. Try again.';
}
