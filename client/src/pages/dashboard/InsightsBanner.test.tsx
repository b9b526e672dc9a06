// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanupSignedIn,
  openMemoryReplica,
  renderSignedIn,
} from '../../app/test-support/renderSignedIn.js';
import type { Replica } from '../../sync/replica.js';
import { ACKNOWLEDGE_FAILED } from '../insights/insightText.js';
import { InsightsBanner } from './InsightsBanner.js';

afterEach(cleanupSignedIn);

async function renderBanner(): Promise<Replica> {
  const r = await openMemoryReplica();
  await r.db.insights.insert({
    id: 'out_of_range:HEART_RATE:2026-03-01',
    type: 'out_of_range',
    subject: 'HEART_RATE',
    date: '2026-03-01',
    severity: 'high',
    direction: 'increasing',
    message: 'Your resting heart rate was high.',
    data: {},
    acknowledged: false,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
  });
  await renderSignedIn(<InsightsBanner />, r);
  await screen.findByText('Your resting heart rate was high.');
  return r;
}

describe('InsightsBanner', () => {
  it('acknowledges the insight in the replica, and the banner goes', async () => {
    const r = await renderBanner();
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await expect.poll(() => screen.queryByText('Your resting heart rate was high.')).toBeNull();
    const stored = await r.db.insights.findOne('out_of_range:HEART_RATE:2026-03-01').exec();
    expect(stored?.acknowledged).toBe(true);
  });

  it('says an acknowledgement that could not be written and keeps the button', async () => {
    const r = await renderBanner();
    await r.close();
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect((await screen.findByRole('alert')).textContent).toBe(ACKNOWLEDGE_FAILED);
    expect(screen.getByRole('button', { name: 'Acknowledge' }).hasAttribute('disabled')).toBe(
      false,
    );
  });
});
