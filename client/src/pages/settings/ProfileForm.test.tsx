// @vitest-environment happy-dom
import type { Profile } from '@hearth/schema';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError } from '../../api/http.js';
import { localProfileCache } from '../../api/profileCache.js';
import { ProfileForm } from './ProfileForm.js';

afterEach(cleanup);

/** A Storage of its own per test, so no test reads another's name. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const loads = (displayName: string) => () => Promise.resolve({ displayName });
const echo = vi.fn((profile: Profile) => Promise.resolve(profile));

async function nameField() {
  const field = screen.getByLabelText<HTMLInputElement>('Display name');
  await waitFor(() => expect(field.disabled).toBe(false));
  return field;
}

describe('ProfileForm', () => {
  it('opens on the stored name and saves a new one, trimmed', async () => {
    render(<ProfileForm load={loads('Ada')} submit={echo} />);
    const field = await nameField();
    expect(field.value).toBe('Ada');
    await userEvent.clear(field);
    await userEvent.type(field, '  Ada Lovelace  ');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(echo).toHaveBeenLastCalledWith({ displayName: 'Ada Lovelace' });
    expect(screen.getByRole('status').textContent).toBe(
      'Saved. Your share links now say “Shared by Ada Lovelace”.',
    );
    expect(field.value).toBe('Ada Lovelace');
  });

  it('says an empty name shows none', async () => {
    render(<ProfileForm load={loads('Ada')} submit={echo} />);
    await userEvent.clear(await nameField());
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(echo).toHaveBeenLastCalledWith({ displayName: '' });
    expect(screen.getByRole('status').textContent).toBe(
      'Saved. Your share links no longer show a name.',
    );
  });

  it('refuses a name longer than 80 characters before asking the server', async () => {
    const submit = vi.fn((profile: Profile) => Promise.resolve(profile));
    render(<ProfileForm load={loads('')} submit={submit} />);
    await userEvent.type(await nameField(), 'x'.repeat(81));
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(submit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('The name can be at most 80 characters.');
  });

  it('keeps the name it read or saved on this device', async () => {
    const cache = localProfileCache('user-1', new MemoryStorage());
    render(<ProfileForm load={loads('Ada')} submit={echo} cache={cache} />);
    const field = await nameField();
    expect(cache.read()).toEqual({ displayName: 'Ada' });
    await userEvent.clear(field);
    await userEvent.type(field, 'Ada Lovelace');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await screen.findByText(/^Saved\./);
    expect(cache.read()).toEqual({ displayName: 'Ada Lovelace' });
  });

  it('offline, shows the last known name and says a change needs the network', async () => {
    const cache = localProfileCache('user-1', new MemoryStorage());
    cache.write({ displayName: 'Ada Lovelace' });
    const offline = () => Promise.reject(new NetworkError(new TypeError('Failed to fetch')));
    const submit = vi.fn(offline);
    render(<ProfileForm load={offline} submit={submit} cache={cache} />);
    const field = await nameField();
    expect(field.value).toBe('Ada Lovelace');
    expect(screen.getByText(/last read from the server/).textContent).toMatch(/cannot be reached/);
    await userEvent.type(field, ' King');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The server cannot be reached. This needs a connection: try again when you are online.',
    );
    // Nothing pretends to be saved: the copy is still what the server last had.
    expect(screen.getByRole('status').textContent).toBe('');
    expect(cache.read()).toEqual({ displayName: 'Ada Lovelace' });
  });

  it('says when the server cannot be reached', async () => {
    const offline = () => Promise.reject(new NetworkError(new TypeError('Failed to fetch')));
    render(<ProfileForm load={offline} submit={echo} />);
    expect((await screen.findByText(/could not be read/)).textContent).toMatch(/cannot be reached/);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
