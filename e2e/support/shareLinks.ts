import { expect, type APIRequestContext } from '@playwright/test';
import {
  createShareLinkResponseSchema,
  type CreateShareLink,
  type HealthDataType,
} from '@hearth/schema';
import { serverSummary } from './server.js';

/**
 * A share link made through the API with the context's session cookie, for specs that look at
 * the viewer rather than at the owner's screen (sharing.spec.ts walks the screen itself). Waits
 * until the worker has computed the server's day rollups, which the viewer reads.
 */
export async function createShareLink(
  request: APIRequestContext,
  options: { dataTypes: HealthDataType[]; dateStart: string; dateEnd: string },
): Promise<string> {
  await expect(async () => {
    expect((await serverSummary(request)).metrics.STEPS).toBeGreaterThan(0);
  }).toPass({ timeout: 60_000 });
  const body: CreateShareLink = {
    ...options,
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };
  const response = await request.post('/api/v1/sharing/tokens', { data: body });
  if (!response.ok()) throw new Error(`creating a share link answered ${response.status()}`);
  return new URL(createShareLinkResponseSchema.parse(await response.json()).shareUrl).pathname;
}
