import {
  createShareLinkResponseSchema,
  shareAccessesResponseSchema,
  shareLinksResponseSchema,
  type CreateShareLink,
  type CreateShareLinkResponse,
  type ShareAccess,
  type ShareLink,
} from '@hearth/schema';
import { apiRequest } from '../../api/http.js';

/** Share links live on the server only (never in the replica): every call needs the network. */
export function createShareLink(body: CreateShareLink): Promise<CreateShareLinkResponse> {
  return apiRequest('/sharing/tokens', {
    method: 'POST',
    body,
    schema: createShareLinkResponseSchema,
  });
}

export async function listShareLinks(signal?: AbortSignal): Promise<ShareLink[]> {
  const res = await apiRequest('/sharing/tokens', {
    schema: shareLinksResponseSchema,
    ...(signal ? { signal } : {}),
  });
  return res.tokens;
}

export function revokeShareLink(id: string): Promise<void> {
  return apiRequest(`/sharing/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function listShareAccesses(id: string): Promise<ShareAccess[]> {
  const res = await apiRequest(`/sharing/tokens/${encodeURIComponent(id)}/accesses`, {
    schema: shareAccessesResponseSchema,
  });
  return res.accesses;
}
