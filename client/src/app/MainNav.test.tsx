// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { MainNav, navItems } from './MainNav.js';

const routes = [
  { index: true, handle: { nav: 'Today', tab: true } },
  { path: 'trends', handle: { nav: 'Trends', tab: true } },
  { path: 'trends/:metric' },
  { path: 'devices', handle: { nav: 'Devices' } },
  { path: 'settings', handle: { nav: 'Settings' } },
];

function renderNav(path = '/') {
  const router = createMemoryRouter(
    [
      {
        path: '*',
        element: <MainNav items={navItems(routes)} account={<p>Signed in as a@example.org</p>} />,
      },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

afterEach(cleanup);

describe('navItems', () => {
  it('lists the routes with a nav handle in order, marking the tabs', () => {
    expect(navItems(routes)).toEqual([
      { to: '/', label: 'Today', tab: true },
      { to: '/trends', label: 'Trends', tab: true },
      { to: '/devices', label: 'Devices', tab: false },
      { to: '/settings', label: 'Settings', tab: false },
    ]);
  });
});

describe('MainNav', () => {
  it('discloses the other entries and the account under More', async () => {
    renderNav();
    const more = screen.getByRole('button', { name: 'More' });
    const panel = document.getElementById(more.getAttribute('aria-controls') ?? '');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(panel?.hidden).toBe(true);

    await userEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(panel?.hidden).toBe(false);
    expect(within(panel!).getByText('Signed in as a@example.org')).toBeTruthy();
    expect(
      within(panel!)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Devices', 'Settings']);
  });

  it('closes after following an entry, and on Escape with focus back on More', async () => {
    const router = renderNav();
    const more = screen.getByRole('button', { name: 'More' });
    await userEvent.click(more);
    const panel = document.getElementById(more.getAttribute('aria-controls') ?? '')!;
    await userEvent.click(within(panel).getByRole('link', { name: 'Devices' }));
    expect(router.state.location.pathname).toBe('/devices');
    expect(panel.hidden).toBe(true);
    expect(more.className).toBe('active');

    await userEvent.click(more);
    await userEvent.keyboard('{Escape}');
    expect(panel.hidden).toBe(true);
    expect(document.activeElement).toBe(more);
  });
});
