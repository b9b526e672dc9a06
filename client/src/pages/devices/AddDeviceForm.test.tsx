// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddDeviceForm } from './AddDeviceForm.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const registered = {
  id: 'd1',
  name: 'Scale',
  kind: 'third_party_scale',
  lastSyncAt: null,
  createdAt: '2026-03-01T00:00:00.000Z',
  token: 'hearth-device-token',
};

/** The server registers every device (or is unreachable); the clipboard allows or refuses. */
function setUp({
  online,
  clipboard,
}: {
  online: boolean;
  clipboard: 'allowed' | 'refused' | 'absent';
}) {
  const copied: string[] = [];
  vi.stubGlobal('fetch', () =>
    online
      ? Promise.resolve(
          new Response(JSON.stringify(registered), {
            status: 201,
            headers: { 'content-type': 'application/json' },
          }),
        )
      : Promise.reject(new TypeError('Failed to fetch')),
  );
  const writeText = (text: string) => {
    if (clipboard === 'refused')
      return Promise.reject(new DOMException('Denied', 'NotAllowedError'));
    copied.push(text);
    return Promise.resolve();
  };
  vi.stubGlobal('navigator', {
    ...navigator,
    clipboard: clipboard === 'absent' ? undefined : { writeText },
  });
  render(<AddDeviceForm />);
  return copied;
}

async function add() {
  await userEvent.type(screen.getByLabelText('Name'), 'Scale');
  await userEvent.click(screen.getByRole('button', { name: 'Add device' }));
}

describe('AddDeviceForm', () => {
  it('says a device cannot be added offline and keeps the name to try again', async () => {
    setUp({ online: false, clipboard: 'allowed' });
    await add();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Adding a device needs a connection to the server.',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Scale');
    expect(screen.getByRole('button', { name: 'Add device' }).hasAttribute('disabled')).toBe(false);
  });

  it('copies the new token to the clipboard', async () => {
    const copied = setUp({ online: true, clipboard: 'allowed' });
    await add();
    await userEvent.click(await screen.findByRole('button', { name: 'Copy token' }));
    expect(await screen.findByText('Copied to the clipboard.')).toBeTruthy();
    expect(copied).toEqual(['hearth-device-token']);
  });

  it.each(['refused', 'absent'] as const)(
    'says the token must be copied by hand when the clipboard is %s',
    async (clipboard) => {
      setUp({ online: true, clipboard });
      await add();
      await userEvent.click(await screen.findByRole('button', { name: 'Copy token' }));
      expect((await screen.findByRole('alert')).textContent).toBe(
        'Copying is not allowed here: select the token and copy it by hand.',
      );
      expect(screen.getByLabelText('Device token').textContent).toBe('hearth-device-token');
    },
  );
});
