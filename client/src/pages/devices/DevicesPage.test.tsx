// @vitest-environment happy-dom
import type { HealthSample } from '@hearth/schema';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cleanupSignedIn,
  openMemoryReplica,
  renderSignedIn,
  type ApiHandler,
} from '../../app/test-support/renderSignedIn.js';
import { writeSamples } from '../../data/writeSamples.js';
import type { Replica } from '../../sync/replica.js';
import { DevicesPage } from './DevicesPage.js';

afterEach(cleanupSignedIn);

const device = (id: string, name: string, kind: 'apple_watch' | 'iphone') => ({
  id,
  name,
  kind,
  lastSyncAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const steps = (sourceDevice: string, value: number): HealthSample => ({
  type: 'STEPS',
  value,
  unit: 'steps',
  startDate: '2026-03-01T10:00:00.000Z',
  endDate: '2026-03-01T10:05:00.000Z',
  sourceDevice,
});

/** A replica holding a watch and a phone, each with one sample; the page rendered on it. */
async function renderDevices(api?: ApiHandler): Promise<Replica> {
  const r = await openMemoryReplica();
  await r.db.devices.bulkInsert([
    device('w', 'Watch', 'apple_watch'),
    device('p', 'Phone', 'iphone'),
  ]);
  await writeSamples(r.db, r.localChanges, [steps('w', 500), steps('p', 300)], 'Europe/Berlin');
  await renderSignedIn(<DevicesPage />, r, api);
  await screen.findByRole('list', { name: 'Devices, highest priority first' });
  return r;
}

const order = () =>
  within(screen.getByRole('list', { name: 'Devices, highest priority first' }))
    .getAllByRole('listitem')
    .map((item) => (item.textContent?.includes('Watch') ? 'Watch' : 'Phone'));

describe('DevicesPage', () => {
  it('lists the devices by priority and writes a new order to the settings, noting the change', async () => {
    const r = await renderDevices();
    expect(order()).toEqual(['Watch', 'Phone']);
    await userEvent.click(screen.getByRole('button', { name: 'Move Phone up' }));
    await expect.poll(order).toEqual(['Phone', 'Watch']);
    const settings = await r.db.settings.findOne('settings').exec();
    expect(settings?.sourcePriority).toEqual(['p', 'w']);
    // Every deduplicated figure may change: screens compute on the device until the server has.
    expect(r.localChanges.state.settingsChangedAt).not.toBeNull();
  });

  it('says a device cannot be removed offline and keeps its data', async () => {
    const r = await renderDevices();
    await userEvent.click(screen.getByRole('button', { name: 'Remove Watch' }));
    const prompt = screen.getByRole('alertdialog', { name: 'Remove Watch?' });
    await userEvent.click(
      within(prompt).getByRole('button', { name: 'Remove and delete its data' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Watch could not be removed. Removing a device needs a connection.',
    );
    expect(await r.db.series.count({ selector: { deviceId: 'w' } }).exec()).toBe(1);
  });

  it('removes a device on the server and, when asked, deletes its data from the replica', async () => {
    const removed: string[] = [];
    const r = await renderDevices((method, path) => {
      if (method !== 'DELETE') return undefined;
      removed.push(path);
      return new Response(null, { status: 204 });
    });
    await userEvent.click(screen.getByRole('button', { name: 'Remove Watch' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove and delete its data' }));
    await expect.poll(() => r.db.series.count({ selector: { deviceId: 'w' } }).exec()).toBe(0);
    expect(removed).toEqual(['/devices/w']);
    expect(await r.db.series.count({ selector: { deviceId: 'p' } }).exec()).toBe(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('says a new order this browser could not write, and keeps the buttons', async () => {
    const r = await renderDevices();
    await r.close();
    await userEvent.click(screen.getByRole('button', { name: 'Move Phone up' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The new order could not be saved in this browser. Try again.',
    );
    expect(screen.getByRole('button', { name: 'Move Phone up' }).hasAttribute('disabled')).toBe(
      false,
    );
  });

  it('says when the server removed a device but this browser could not delete its data', async () => {
    const r = await renderDevices((method) =>
      method === 'DELETE' ? new Response(null, { status: 204 }) : undefined,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Remove Watch' }));
    await r.close();
    await userEvent.click(screen.getByRole('button', { name: 'Remove and delete its data' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Watch is removed, but its data could not be deleted in this browser. Delete it under “Data by source”.',
    );
  });

  it('lists the kept data of a removed device as a removed source: ranked, and deletable', async () => {
    const r = await renderDevices();
    // The server removed the watch; its samples were kept. The replica holds its tombstone.
    await r.db.devices
      .findOne('w')
      .exec()
      .then((doc) => doc?.remove());
    const list = () => screen.getByRole('list', { name: 'Devices, highest priority first' });
    await expect.poll(() => within(list()).queryByText(/· removed/) !== null).toBe(true);
    // Still ranked by its kind like on the server (a watch above a phone), and movable.
    expect(order()).toEqual(['Watch', 'Phone']);
    expect(screen.queryByRole('button', { name: 'Remove Watch' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Move Watch down' }));
    await expect.poll(order).toEqual(['Phone', 'Watch']);
    expect((await r.db.settings.findOne('settings').exec())?.sourcePriority).toEqual(['p', 'w']);

    const source = () =>
      within(screen.getByRole('region', { name: 'Data by source' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent);
    expect(source()[1]).toContain('Watch (removed)');
    await userEvent.click(
      screen.getByRole('button', { name: /^Delete this source’s data\s*: Watch$/ }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete its data' }));
    expect(await screen.findByText('Deleted 1 sample from Watch.')).toBeTruthy();
    expect(await r.db.series.count({ selector: { deviceId: 'w' } }).exec()).toBe(0);
    // With no data left, the removed device is no source any more.
    await expect.poll(order).toEqual(['Phone']);
    expect(source()).toHaveLength(1);
  });
});
