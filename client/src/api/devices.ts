import {
  createDeviceResponseSchema,
  type CreateDevice,
  type CreateDeviceResponse,
} from '@hearth/schema';
import { apiRequest } from './http.js';

/** Registers a new device; its bearer token is in the answer and is never shown again. */
export function createDevice(body: CreateDevice): Promise<CreateDeviceResponse> {
  return apiRequest('/devices', { method: 'POST', body, schema: createDeviceResponseSchema });
}

export function deleteDevice(id: string): Promise<void> {
  return apiRequest(`/devices/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
