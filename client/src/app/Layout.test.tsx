// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Layout } from './Layout.js';
import {
  cleanupSignedIn,
  openMemoryReplica,
  renderSignedIn,
} from './test-support/renderSignedIn.js';

afterEach(cleanupSignedIn);

describe('Layout', () => {
  it('says signing out needs the server when it cannot be reached, and keeps the button', async () => {
    // renderSignedIn's server answers only `/auth/me`: the logout request fails as offline.
    await renderSignedIn(<Layout navRoutes={[]} />, await openMemoryReplica());
    const header = screen.getByRole('banner');
    const signOut = await within(header).findByRole('button', { name: 'Sign out' });
    await userEvent.click(signOut);
    expect((await within(header).findByRole('alert')).textContent).toBe(
      'Signing out needs a connection to the server. Try again when online.',
    );
    expect(signOut.hasAttribute('disabled')).toBe(false);
  });
});
