import type { RouteObject } from 'react-router';
import { SignInPage, SignUpPage } from '../pages/auth/AuthPages.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { sharingAppRoutes } from '../sharing/routes.js';
import { Layout } from './Layout.js';
import { lazyScreen } from './lazyScreen.js';
import type { NavHandle, PageHandle } from './nav.js';
import { RequireSession } from './RequireSession.js';
import { RouteFrame } from './RouteFrame.js';

const trends = lazyScreen(() => import('../pages/trends/TrendsPage.js').then((m) => m.TrendsPage));

/**
 * Screens of the signed-in app, in navigation order; the navigation is built from the
 * `handle.nav` of each (`tab: true` for the phone's tab bar). The sharing screens come from
 * client/src/sharing.
 */
export const appRoutes: RouteObject[] = [
  {
    index: true,
    ...lazyScreen(() => import('../pages/dashboard/DashboardPage.js').then((m) => m.DashboardPage)),
    handle: { nav: 'Today', tab: true } satisfies NavHandle,
  },
  { path: 'trends', ...trends, handle: { nav: 'Trends', tab: true } satisfies NavHandle },
  { path: 'trends/:metric', ...trends, handle: { title: 'Trends' } satisfies PageHandle },
  {
    path: 'data/:metric/:date',
    ...lazyScreen(() => import('../pages/data/DayDataPage.js').then((m) => m.DayDataPage)),
  },
  {
    path: 'insights',
    ...lazyScreen(() => import('../pages/insights/InsightsPage.js').then((m) => m.InsightsPage)),
    handle: { nav: 'Insights', tab: true } satisfies NavHandle,
  },
  {
    path: 'entry',
    ...lazyScreen(() => import('../pages/entry/ManualEntryPage.js').then((m) => m.ManualEntryPage)),
    handle: { nav: 'Add entry', tab: true } satisfies NavHandle,
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
  { path: 'signin', element: <SignInPage />, handle: { title: 'Sign in' } satisfies PageHandle },
  {
    path: 'signup',
    element: <SignUpPage />,
    handle: { title: 'Create account' } satisfies PageHandle,
  },
];

export const routes: RouteObject[] = [
  {
    element: <RouteFrame />,
    children: [
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
      {
        path: '*',
        element: <NotFoundPage />,
        handle: { title: 'Page not found' } satisfies PageHandle,
      },
    ],
  },
];
