// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';
import { ChangePasswordForm } from './ChangePasswordForm.js';

afterEach(cleanup);

async function fill(current: string, next: string, repeat: string) {
  if (current) await userEvent.type(screen.getByLabelText('Current password'), current);
  if (next) await userEvent.type(screen.getByLabelText('New password'), next);
  if (repeat) await userEvent.type(screen.getByLabelText('New password again'), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('ChangePasswordForm', () => {
  it('sends the current and the new password and says the other devices are signed out', async () => {
    const submit = vi.fn(() => Promise.resolve());
    render(<ChangePasswordForm submit={submit} />);
    await fill('old secret words', 'lantern meadow copper', 'lantern meadow copper');
    expect(submit).toHaveBeenCalledWith({
      currentPassword: 'old secret words',
      newPassword: 'lantern meadow copper',
    });
    expect(screen.getByRole('status').textContent).toMatch(/other devices are signed out/);
    expect(screen.getByLabelText('Current password')).toHaveProperty('value', '');
  });

  it('checks length and repetition before asking the server', async () => {
    const submit = vi.fn(() => Promise.resolve());
    render(<ChangePasswordForm submit={submit} />);
    await fill('old secret words', 'short', 'short');
    expect(screen.getByRole('alert').textContent).toBe('Password must have at least 8 characters');
    await userEvent.clear(screen.getByLabelText('New password'));
    await userEvent.clear(screen.getByLabelText('New password again'));
    await fill('', 'lantern meadow copper', 'lantern meadow cooper');
    expect(screen.getByRole('alert').textContent).toBe('The new passwords do not match.');
    expect(submit).not.toHaveBeenCalled();
  });

  it("shows the server's refusal in the form's words", async () => {
    const submit = vi.fn(() =>
      Promise.reject(
        new ApiError(401, 'invalid-credentials', 'Your current password is not right'),
      ),
    );
    render(<ChangePasswordForm submit={submit} />);
    await fill('wrong one', 'lantern meadow copper', 'lantern meadow copper');
    expect(screen.getByRole('alert').textContent).toBe('That is not your current password.');
  });
});
