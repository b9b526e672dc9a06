// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Link, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { RouteFrame } from './RouteFrame.js';

function TodayPage() {
  return (
    <main>
      <h1>Today</h1>
      <Link to="/trends">Go on</Link>
    </main>
  );
}

// A different component, as real pages are: the link that was followed leaves the document.
function TrendsPage() {
  return (
    <section>
      <h1>Steps trends</h1>
    </section>
  );
}

function renderApp() {
  const router = createMemoryRouter([
    {
      element: <RouteFrame />,
      children: [
        { path: '/', element: <TodayPage />, handle: { nav: 'Today' } },
        { path: '/trends', element: <TrendsPage />, handle: { nav: 'Trends' } },
      ],
    },
  ]);
  render(<RouterProvider router={router} />);
  return router;
}

afterEach(cleanup);

describe('RouteFrame', () => {
  it('titles the first page but leaves focus alone on a first load', async () => {
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Today' })).toBeTruthy();
    expect(document.title).toBe('Today · Hearth');
    expect(document.activeElement).toBe(document.body);
  });

  it('after a navigation, titles the page, focuses its heading and announces it', async () => {
    renderApp();
    await userEvent.click(await screen.findByRole('link', { name: 'Go on' }));
    const heading = await screen.findByRole('heading', { name: 'Steps trends' });
    expect(document.title).toBe('Trends · Hearth');
    expect(document.activeElement).toBe(heading);
    expect(heading.tabIndex).toBe(-1);
    expect(screen.getByRole('status').textContent).toBe('Trends · Hearth');
  });

  it('leaves a redirect the person did not cause unannounced', async () => {
    const router = renderApp();
    await screen.findByRole('heading', { name: 'Today' });
    await router.navigate('/trends', { replace: true });
    await screen.findByRole('heading', { name: 'Steps trends' });
    expect(document.title).toBe('Trends · Hearth');
    expect(document.activeElement).toBe(document.body);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
