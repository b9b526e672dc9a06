// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanupSignedIn,
  openMemoryReplica,
  renderSignedIn,
} from '../../app/test-support/renderSignedIn.js';
import { PENDING_UPDATED_AT } from '../../db/types.js';
import type { Replica } from '../../sync/replica.js';
import { ManualEntryPage } from './ManualEntryPage.js';

afterEach(cleanupSignedIn);

/** A replica that has pulled the account's manual-entry device (the server creates it). */
async function withManualDevice(): Promise<Replica> {
  const r = await openMemoryReplica();
  await r.db.devices.insert({
    id: 'manual-1',
    name: 'Manual entry',
    kind: 'manual_entry',
    lastSyncAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
  return r;
}

async function renderEntry(r: Replica) {
  await renderSignedIn(<ManualEntryPage />, r);
  await screen.findByRole('heading', { name: 'Add an entry' });
}

describe('ManualEntryPage', () => {
  it('saves steps into the replica as a series of the manual device, waiting to upload', async () => {
    const r = await withManualDevice();
    await renderEntry(r);
    const save = screen.getByRole('button', { name: 'Save entry' });
    await expect.poll(() => save.hasAttribute('disabled')).toBe(false);
    await userEvent.type(screen.getByLabelText('Value'), '1234');
    await userEvent.click(save);
    expect((await screen.findByText(/^Saved Steps/)).getAttribute('role')).toBe('status');
    const series = (await r.db.series.find().exec()).map((d) => d.toJSON());
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({
      deviceId: 'manual-1',
      type: 'STEPS',
      updatedAt: PENDING_UPDATED_AT,
    });
    expect(series[0]?.points.map((p) => p[2])).toEqual([1234]);
    // Screens compute the entry's day on the device until the server's rollup includes it.
    expect(r.localChanges.state.days.size).toBeGreaterThan(0);
    expect(screen.getByLabelText<HTMLInputElement>('Value').value).toBe('');
  });

  it('shows what is wrong with the value at its field and writes nothing', async () => {
    const r = await withManualDevice();
    await renderEntry(r);
    const save = screen.getByRole('button', { name: 'Save entry' });
    await expect.poll(() => save.hasAttribute('disabled')).toBe(false);
    await userEvent.type(screen.getByLabelText('Value'), '-5');
    await userEvent.click(save);
    const value = screen.getByLabelText('Value');
    expect(value.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(value.getAttribute('aria-describedby') ?? '');
    expect(message?.textContent).toBeTruthy();
    expect(await r.db.series.count().exec()).toBe(0);
  });

  it('says the manual-entry device has not synced yet and keeps the form from saving', async () => {
    await renderEntry(await openMemoryReplica());
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /manual-entry device has not synced to this browser yet/,
    );
    expect(screen.getByRole('button', { name: 'Save entry' }).hasAttribute('disabled')).toBe(true);
  });
});
