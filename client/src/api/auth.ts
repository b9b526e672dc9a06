import { meSchema, type Login, type Me, type Register } from '@hearth/schema';
import { apiRequest } from './http.js';

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest('/auth/me', signal ? { schema: meSchema, signal } : { schema: meSchema });
}

export async function register(body: Register): Promise<Me> {
  await apiRequest('/auth/register', { method: 'POST', body });
  return fetchMe();
}

export async function login(body: Login): Promise<Me> {
  await apiRequest('/auth/login', { method: 'POST', body });
  return fetchMe();
}

export function logout(): Promise<void> {
  return apiRequest('/auth/logout', { method: 'POST', body: {} });
}
