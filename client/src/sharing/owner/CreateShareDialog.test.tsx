// @vitest-environment happy-dom
import type { CreateShareLink } from '@hearth/schema';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateShareDialog } from './CreateShareDialog.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type Sent = { method: string; path: string; body: CreateShareLink };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The server's side of the dialog: `answer` for each request, or unreachable when it is null. */
function serve(answer: ((sent: Sent) => Response) | null): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    if (!answer) return Promise.reject(new TypeError('Failed to fetch'));
    const request: Sent = {
      method: init.method ?? 'GET',
      path: input.replace(/^\/api\/v1/, ''),
      body: JSON.parse(String(init.body)) as CreateShareLink,
    };
    sent.push(request);
    return Promise.resolve(answer(request));
  });
  return sent;
}

function renderDialog() {
  const onCreated = vi.fn();
  const onClose = vi.fn();
  render(<CreateShareDialog open onClose={onClose} onCreated={onCreated} />);
  return { onCreated, onClose };
}

const create = () => userEvent.click(screen.getByRole('button', { name: 'Create link' }));

describe('CreateShareDialog', () => {
  it('asks for at least one metric before it sends anything', async () => {
    const sent = serve(() => json(500, {}));
    renderDialog();
    await create();
    const metrics = screen.getByRole('group', { name: 'Metrics to share' });
    expect(metrics.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(metrics.getAttribute('aria-describedby') ?? '');
    expect(message?.textContent).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('creates a link for the chosen metrics and days, then shows it once', async () => {
    const sent = serve(() =>
      json(201, {
        id: 'link-1',
        accessCode: 'code',
        shareUrl: 'https://hearth.example/s/link-1#code',
        expiresAt: '2026-04-01T00:00:00.000Z',
      }),
    );
    const { onCreated } = renderDialog();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Steps' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Weight' }));
    await userEvent.type(
      screen.getByRole('textbox', { name: /^Recipient email/ }),
      'doctor@example.com',
    );
    await create();
    expect(await screen.findByRole('heading', { name: 'Link created' })).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/sharing/tokens',
      body: { dataTypes: ['STEPS', 'WEIGHT'], recipientEmail: 'doctor@example.com' },
    });
    const { dateStart = '', dateEnd = '' } = sent[0]?.body ?? {};
    expect(dateStart <= dateEnd && dateStart !== '').toBe(true);
    expect(onCreated).toHaveBeenCalledOnce();
    const link = screen.getByLabelText<HTMLInputElement>('Share link');
    expect(link.value).toMatch(/\/s\/link-1#code$/);
  });

  it('says why the server refused, and that sharing needs a connection when offline', async () => {
    serve(() =>
      json(400, { error: { code: 'validation-failed', message: 'The dates are too far apart.' } }),
    );
    const { onCreated } = renderDialog();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Steps' }));
    await create();
    expect((await screen.findByRole('alert')).textContent).toBe('The dates are too far apart.');

    serve(null);
    await create();
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The server cannot be reached. Sharing needs a connection; try again when online.',
      ),
    );
    expect(onCreated).not.toHaveBeenCalled();
    // The form stays as filled in, ready for another try.
    const form = screen.getByRole('group', { name: 'Metrics to share' });
    expect(within(form).getByRole<HTMLInputElement>('checkbox', { name: 'Steps' }).checked).toBe(
      true,
    );
  });

  it('closes on Cancel without sending anything', async () => {
    const sent = serve(() => json(500, {}));
    const { onClose } = renderDialog();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Steps' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledOnce();
    expect(sent).toEqual([]);
  });
});
