// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.js';
import { DeleteAccountForm } from './DeleteAccountForm.js';

afterEach(cleanup);

const button = () => screen.getByRole('button', { name: 'Delete my account and all its data' });

describe('DeleteAccountForm', () => {
  it('stays disabled until the email is typed and a password given, then deletes and signs out', async () => {
    const submit = vi.fn(() => Promise.resolve());
    const onDeleted = vi.fn(() => Promise.resolve());
    render(<DeleteAccountForm email="ann@example.org" submit={submit} onDeleted={onDeleted} />);
    expect(button()).toHaveProperty('disabled', true);
    await userEvent.type(screen.getByLabelText(/Type your email/), 'ann@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'my password');
    expect(button()).toHaveProperty('disabled', true);
    await userEvent.clear(screen.getByLabelText(/Type your email/));
    await userEvent.type(screen.getByLabelText(/Type your email/), 'Ann@Example.org');
    expect(button()).toHaveProperty('disabled', false);
    await userEvent.click(button());
    expect(submit).toHaveBeenCalledWith('my password');
    expect(onDeleted).toHaveBeenCalled();
  });

  it('keeps the account when the password is wrong', async () => {
    const submit = vi.fn(() => Promise.reject(new ApiError(401, 'invalid-credentials', 'Wrong')));
    const onDeleted = vi.fn(() => Promise.resolve());
    render(<DeleteAccountForm email="ann@example.org" submit={submit} onDeleted={onDeleted} />);
    await userEvent.type(screen.getByLabelText(/Type your email/), 'ann@example.org');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(button());
    expect(screen.getByRole('alert').textContent).toBe('That is not your current password.');
    expect(onDeleted).not.toHaveBeenCalled();
  });
});
