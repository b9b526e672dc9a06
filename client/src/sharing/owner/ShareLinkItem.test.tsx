// @vitest-environment happy-dom
import type { ShareLink } from '@hearth/schema';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShareLinkItem } from './ShareLinkItem.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const link: ShareLink = {
  id: 'link-1',
  recipientEmail: null,
  dataTypes: ['STEPS'],
  dateStart: '2026-03-01',
  dateEnd: '2026-03-31',
  expiresAt: '2026-05-01T00:00:00.000Z',
  createdAt: '2026-04-01T00:00:00.000Z',
  accessCount: 0,
  lastAccessedAt: null,
  revokedAt: null,
};
const nowMs = Date.parse('2026-04-02T00:00:00.000Z');

/** The server answers every request with `status` (and the API's error body when it fails). */
function serve(status: number): string[] {
  const sent: string[] = [];
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    sent.push(`${init.method ?? 'GET'} ${input}`);
    const body =
      status < 400
        ? null
        : JSON.stringify({ error: { code: 'internal', message: 'The server failed. Try again.' } });
    return Promise.resolve(
      new Response(body, { status, headers: { 'content-type': 'application/json' } }),
    );
  });
  return sent;
}

async function revoke() {
  await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
  await userEvent.click(screen.getByRole('button', { name: 'Revoke now' }));
}

describe('ShareLinkItem', () => {
  it('revokes the link after the confirmation and tells the list', async () => {
    const sent = serve(204);
    const onChanged = vi.fn();
    render(<ShareLinkItem link={link} nowMs={nowMs} online onChanged={onChanged} />);
    await revoke();
    await expect.poll(() => onChanged.mock.calls.length).toBe(1);
    expect(sent).toEqual(['DELETE /api/v1/sharing/tokens/link-1']);
  });

  it("says the server's refusal next to the link and keeps the revocation on offer", async () => {
    serve(500);
    const onChanged = vi.fn();
    render(<ShareLinkItem link={link} nowMs={nowMs} online onChanged={onChanged} />);
    await revoke();
    expect((await screen.findByRole('alert')).textContent).toBe('The server failed. Try again.');
    expect(onChanged).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Revoke now' }).hasAttribute('disabled')).toBe(false);
  });
});
