// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreatedLinkPanel } from './CreatedLinkPanel.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const created = {
  id: 'link-1',
  accessCode: 'code',
  shareUrl: `${window.location.origin}/s/code`,
  expiresAt: '2026-04-01T00:00:00.000Z',
};

/** A clipboard whose writes succeed or are refused, as a browser without permission refuses. */
function clipboard(allowed: boolean): string[] {
  const written: string[] = [];
  vi.stubGlobal('navigator', {
    ...navigator,
    clipboard: {
      writeText: (text: string) => {
        if (!allowed) return Promise.reject(new DOMException('Write denied', 'NotAllowedError'));
        written.push(text);
        return Promise.resolve();
      },
    },
  });
  return written;
}

describe('CreatedLinkPanel', () => {
  it('copies the link and says so', async () => {
    const written = clipboard(true);
    render(<CreatedLinkPanel created={created} onDone={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    expect((await screen.findByText('Copied to the clipboard.')).getAttribute('role')).toBe(
      'status',
    );
    expect(written).toEqual([created.shareUrl]);
  });

  it('says the clipboard refused, selects the link for a copy by hand, and can try again', async () => {
    clipboard(false);
    render(<CreatedLinkPanel created={created} onDone={() => {}} />);
    const copy = screen.getByRole('button', { name: 'Copy link' });
    await userEvent.click(copy);
    const said = await screen.findByText(
      'Copying is not allowed here: the link is selected, copy it by hand.',
    );
    expect(said.getAttribute('role')).toBe('alert');
    const field = screen.getByLabelText<HTMLInputElement>('Share link');
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, created.shareUrl.length]);
    expect(copy.hasAttribute('disabled')).toBe(false);
  });
});
