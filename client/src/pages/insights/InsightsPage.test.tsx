// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanupSignedIn,
  openMemoryReplica,
  renderSignedIn,
} from '../../app/test-support/renderSignedIn.js';
import { InsightsPage } from './InsightsPage.js';
import { ACKNOWLEDGE_FAILED } from './insightText.js';

afterEach(cleanupSignedIn);

const insight = {
  id: 'trend:STEPS:2026-03-01',
  type: 'trend',
  subject: 'STEPS',
  date: '2026-03-01',
  severity: 'medium',
  direction: 'increasing',
  message: 'You walked more this month.',
  data: {},
  acknowledged: false,
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
} as const;

describe('InsightsPage', () => {
  it('lists an insight from the replica and writes its acknowledgement there', async () => {
    const replica = await openMemoryReplica();
    await replica.db.insights.insert(insight);
    await renderSignedIn(<InsightsPage />, replica);
    expect(await screen.findByText('You walked more this month.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /^Acknowledge/ }));
    await screen.findByText(/acknowledged/);
    const stored = await replica.db.insights.findOne('trend:STEPS:2026-03-01').exec();
    expect(stored?.acknowledged).toBe(true);
  });

  it('says the insights could not be read, with a retry, instead of waiting forever', async () => {
    const replica = await openMemoryReplica();
    await replica.close();
    await renderSignedIn(<InsightsPage />, replica);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^Your insights could not be read from this browser’s storage/,
    );
    expect(screen.queryByText(/No insights yet/)).toBeNull();
    // The storage is still closed: a retry asks again and says so again.
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be read/);
  });

  it('says an acknowledgement that could not be written, next to its button', async () => {
    const replica = await openMemoryReplica();
    await replica.db.insights.insert(insight);
    await renderSignedIn(<InsightsPage />, replica);
    await screen.findByText('You walked more this month.');
    await replica.close();
    await userEvent.click(screen.getByRole('button', { name: /^Acknowledge/ }));
    expect((await screen.findByRole('alert')).textContent).toBe(ACKNOWLEDGE_FAILED);
    expect(screen.getByRole('button', { name: /^Acknowledge/ }).hasAttribute('disabled')).toBe(
      false,
    );
  });
});
