import {
  profileResponseSchema,
  type AccountExportFormat,
  type ChangePassword,
  type Profile,
} from '@hearth/schema';
import { API_BASE, ApiError, apiRequest, NetworkError } from './http.js';

export function changePassword(body: ChangePassword): Promise<void> {
  return apiRequest('/users/me/password', { method: 'PUT', body });
}

export function deleteAccount(password: string): Promise<void> {
  return apiRequest('/users/me', { method: 'DELETE', body: { password } });
}

/** The download address of the full export; the browser streams it to a file. */
export function accountExportUrl(format: AccountExportFormat): string {
  return `${API_BASE}/users/me/export?format=${format}`;
}

/** A sentence for an account request that failed, in the words of the form it came from. */
export function accountErrorMessage(error: unknown): string {
  if (error instanceof NetworkError) {
    return 'The server cannot be reached. This needs a connection: try again when you are online.';
  }
  if (error instanceof ApiError) {
    if (error.code === 'invalid-credentials') return 'That is not your current password.';
    if (error.code === 'rate-limited') return 'Too many attempts. Wait a minute and try again.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

/** The display name share links show (SPECIFICATION.md §14). */
export function fetchProfile(signal?: AbortSignal): Promise<Profile> {
  return apiRequest('/users/me/profile', {
    schema: profileResponseSchema,
    ...(signal ? { signal } : {}),
  });
}

export function saveProfile(profile: Profile): Promise<Profile> {
  return apiRequest('/users/me/profile', {
    method: 'PUT',
    body: profile,
    schema: profileResponseSchema,
  });
}
