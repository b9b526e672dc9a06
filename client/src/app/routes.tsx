import type { RouteObject } from 'react-router';
import { SignInPage, SignUpPage } from '../pages/auth/AuthPages.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { sharingAppRoutes } from '../sharing/routes.js';
import { Layout } from './Layout.js';
import { lazyScreen } from './lazyScreen.js';
import type { NavHandle } from './nav.js';
import { RequireSession } from './RequireSession.js';

const trends = lazyScreen(() => import('../pages/trends/TrendsPage.js').then((m) => m.TrendsPage));

/**
 * Screens of the signed-in app, in navigation order; the navigation is built from the
 * `handle.nav` of each. The sharing screens come from client/src/sharing.
 */
export const appRoutes: RouteObject[] = [
  {
    index: true,
    ...lazyScreen(() => import('../pages/dashboard/DashboardPage.js').then((m) => m.DashboardPage)),
    handle: { nav: 'Today' } satisfies NavHandle,
  },
  { path: 'trends', ...trends, handle: { nav: 'Trends' } satisfies NavHandle },
  { path: 'trends/:metric', ...trends },
  {
    path: 'data/:metric/:date',
    ...lazyScreen(() => import('../pages/data/DayDataPage.js').then((m) => m.DayDataPage)),
  },
  {
    path: 'insights',
    ...lazyScreen(() => import('../pages/insights/InsightsPage.js').then((m) => m.InsightsPage)),
    handle: { nav: 'Insights' } satisfies NavHandle,
  },
  {
    path: 'entry',
    ...lazyScreen(() => import('../pages/entry/ManualEntryPage.js').then((m) => m.ManualEntryPage)),
    handle: { nav: 'Add entry' } satisfies NavHandle,
  },
  {
    path: 'import',
    ...lazyScreen(() => import('../pages/import/ImportPage.js').then((m) => m.ImportPage)),
    handle: { nav: 'Import' } satisfies NavHandle,
  },
  {
    path: 'devices',
    ...lazyScreen(() => import('../pages/devices/DevicesPage.js').then((m) => m.DevicesPage)),
    handle: { nav: 'Devices' } satisfies NavHandle,
  },
  ...sharingAppRoutes,
  {
    path: 'settings',
    ...lazyScreen(() => import('../pages/settings/SettingsPage.js').then((m) => m.SettingsPage)),
    handle: { nav: 'Settings' } satisfies NavHandle,
  },
];

/** Screens that need no account and no replica (the share viewer is its own page: viewer.html). */
export const publicRoutes: RouteObject[] = [
  { path: 'signin', element: <SignInPage /> },
  { path: 'signup', element: <SignUpPage /> },
];

export const routes: RouteObject[] = [
  ...publicRoutes,
  {
    path: '/',
    element: (
      <RequireSession>
        <Layout navRoutes={appRoutes} />
      </RequireSession>
    ),
    children: appRoutes,
  },
  { path: '*', element: <NotFoundPage /> },
];
