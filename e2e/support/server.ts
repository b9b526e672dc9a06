import type { APIRequestContext } from '@playwright/test';
import { dailySummarySchema, type DailySummary } from '@hearth/schema';

/**
 * The server's own view, read with the browser context's session cookie (the request context
 * runs in the test process, so it still reaches the server while the page is offline).
 */
export async function serverSummary(request: APIRequestContext): Promise<DailySummary> {
  const response = await request.get('/api/v1/users/me/summary');
  if (!response.ok()) throw new Error(`summary answered ${response.status()}`);
  return dailySummarySchema.parse(await response.json());
}
