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
import { SettingsPage } from './SettingsPage.js';

afterEach(cleanupSignedIn);

const storedSettings = async (r: Replica) =>
  (await r.db.settings.findOne('settings').exec())?.toJSON();

async function renderSettings(): Promise<Replica> {
  const replica = await openMemoryReplica();
  await renderSignedIn(<SettingsPage />, replica);
  await screen.findByRole('heading', { name: 'Settings' });
  return replica;
}

describe('SettingsPage', () => {
  it('saves a new time zone and goal on this device and notes that rollups must be recomputed', async () => {
    const r = await renderSettings();
    const zone = screen.getByLabelText<HTMLSelectElement>('Time zone');
    expect(zone.value).toBe('Europe/Berlin');
    await userEvent.selectOptions(zone, 'Asia/Tokyo');
    await userEvent.type(screen.getByLabelText('Steps'), '12000');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(
      await screen.findByText('Saved on this device. It will upload when you are online.'),
    ).toBeTruthy();
    expect(await storedSettings(r)).toMatchObject({
      timeZone: 'Asia/Tokyo',
      goals: { STEPS: 12_000 },
      updatedAt: PENDING_UPDATED_AT,
    });
    expect(r.localChanges.state.settingsChangedAt).not.toBeNull();
  });

  it('shows a goal it cannot read next to its field and writes nothing', async () => {
    const r = await renderSettings();
    await userEvent.type(screen.getByLabelText('Steps'), 'lots');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const field = screen.getByLabelText('Steps');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = field.getAttribute('aria-describedby') ?? '';
    expect(describedBy).not.toBe('');
    expect(document.getElementById(describedBy.split(' ')[0] ?? '')?.textContent).toBeTruthy();
    expect(await storedSettings(r)).toBeUndefined();
    expect(r.localChanges.state.settingsChangedAt).toBeNull();
  });

  it('stores a display unit chosen in the units section in the settings document', async () => {
    const r = await renderSettings();
    const distance = screen.getByLabelText<HTMLSelectElement>('Distance');
    // The region's default is stored as no choice: pick the other unit, whatever the region.
    const other = [...distance.options].find((o) => !/region’s default/.test(o.text));
    expect(other).toBeDefined();
    await userEvent.selectOptions(distance, other?.value ?? '');
    await userEvent.click(screen.getByRole('button', { name: 'Save units' }));
    await screen.findByText(/^Units saved/);
    expect((await storedSettings(r))?.preferences.displayUnits).toEqual({
      DISTANCE: other?.value,
    });
    // Units change how figures read, not what the server computed.
    expect(r.localChanges.state.settingsChangedAt).toBeNull();
  });

  it('says so when the settings cannot be written on this device', async () => {
    const r = await renderSettings();
    await r.close();
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your settings could not be saved on this device. Reload the page and try again.',
    );
    expect(screen.queryByText(/^Saved/)).toBeNull();
  });
});
