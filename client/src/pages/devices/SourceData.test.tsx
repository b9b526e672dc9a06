// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceRow } from '../../db/types.js';
import { RemoveDevicePrompt } from './RemoveDevicePrompt.js';
import { SourceDataList } from './SourceDataList.js';

afterEach(cleanup);

const watch: DeviceRow = {
  id: 'w',
  name: 'Watch',
  kind: 'apple_watch',
  lastSyncAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('SourceDataList', () => {
  it("deletes a source's data only after the confirmation, and says how much went", async () => {
    const onDelete = vi.fn(() => Promise.resolve(42));
    render(<SourceDataList devices={[watch]} onDelete={onDelete} />);
    await userEvent.click(
      screen.getByRole('button', { name: /^Delete this source’s data\s*: Watch$/ }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(onDelete).not.toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('button', { name: /^Delete this source’s data\s*: Watch$/ }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete its data' }));
    expect(onDelete).toHaveBeenCalledWith(watch);
    expect(screen.getByRole('status').textContent).toBe('Deleted 42 samples from Watch.');
  });
});

describe('RemoveDevicePrompt', () => {
  it('asks whether to keep or delete the data, focusing the safe choice', async () => {
    const onChoose = vi.fn();
    render(<RemoveDevicePrompt device={watch} onChoose={onChoose} onCancel={() => {}} />);
    expect(screen.getByRole('alertdialog', { name: 'Remove Watch?' })).toBeDefined();
    expect(document.activeElement?.textContent).toBe('Remove, keep its data');
    await userEvent.click(screen.getByRole('button', { name: 'Remove and delete its data' }));
    expect(onChoose).toHaveBeenCalledWith('delete-data');
  });
});

describe('SourceDataList when the deletion fails', () => {
  it('says the data could not be deleted and offers the deletion again', async () => {
    const onDelete = vi.fn(() => Promise.reject(new Error('storage closed')));
    render(<SourceDataList devices={[watch]} onDelete={onDelete} />);
    const ask = () =>
      userEvent.click(
        screen.getByRole('button', { name: /^Delete this source’s data\s*: Watch$/ }),
      );
    await ask();
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete its data' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The data could not be deleted in this browser. Reload the page and try again.',
    );
    expect(screen.getByRole('status').textContent).toBe('');
    await ask();
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete its data' }));
    expect(onDelete).toHaveBeenCalledTimes(2);
  });
});
