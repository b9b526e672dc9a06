// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanupSignedIn,
  openMemoryReplica,
  renderSignedIn,
} from '../../app/test-support/renderSignedIn.js';
import { writeSamples } from '../../data/writeSamples.js';
import type { Replica } from '../../sync/replica.js';
import { DayDataPage } from './DayDataPage.js';
import { dayDataPath } from './dayDataPath.js';

afterEach(cleanupSignedIn);

/** The samples of 1 March 2026, holding one steps sample from a watch. */
async function renderDay(): Promise<Replica> {
  const r = await openMemoryReplica();
  await writeSamples(
    r.db,
    r.localChanges,
    [
      {
        type: 'STEPS',
        value: 500,
        unit: 'steps',
        startDate: '2026-03-01T10:00:00.000Z',
        endDate: '2026-03-01T10:05:00.000Z',
        sourceDevice: 'w',
      },
    ],
    'Europe/Berlin',
  );
  await renderSignedIn(
    <Routes location={dayDataPath('STEPS', '2026-03-01')}>
      <Route path="/data/:metric/:date" element={<DayDataPage />} />
    </Routes>,
    r,
  );
  await screen.findByRole('list', { name: 'Samples' });
  return r;
}

async function deleteTheSample() {
  await userEvent.click(screen.getByRole('button', { name: /^Delete/ }));
  await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
}

describe('DayDataPage', () => {
  it('deletes a sample after the confirmation', async () => {
    await renderDay();
    await deleteTheSample();
    // The list reads the replica: the sample is gone from its storage.
    expect(await screen.findByText('No samples on this day.')).toBeTruthy();
  });

  it('says a deletion this browser could not write, and offers it again', async () => {
    const r = await renderDay();
    await r.close();
    await deleteTheSample();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The sample could not be deleted in this browser. Reload the page and try again.',
    );
    expect(screen.getByRole('button', { name: 'Yes, delete' }).hasAttribute('disabled')).toBe(
      false,
    );
  });
});
