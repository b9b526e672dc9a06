import type { RouteObject } from 'react-router';
import { DashboardPage } from '../pages/dashboard/DashboardPage.js';
import { DevicesPage } from '../pages/devices/DevicesPage.js';
import { ManualEntryPage } from '../pages/entry/ManualEntryPage.js';
import { ImportPage } from '../pages/import/ImportPage.js';
import { InsightsPage } from '../pages/insights/InsightsPage.js';
import { SettingsPage } from '../pages/settings/SettingsPage.js';
import { SignInPage, SignUpPage } from '../pages/auth/AuthPages.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { TrendsPage } from '../pages/trends/TrendsPage.js';
import { sharingAppRoutes, sharingPublicRoutes } from '../sharing/routes.js';
import { Layout } from './Layout.js';
import type { NavHandle } from './nav.js';
import { RequireSession } from './RequireSession.js';

/**
 * Screens of the signed-in app, in navigation order; the navigation is built from the
 * `handle.nav` of each. The sharing screens come from client/src/sharing.
 */
export const appRoutes: RouteObject[] = [
  { index: true, element: <DashboardPage />, handle: { nav: 'Today' } satisfies NavHandle },
  { path: 'trends', element: <TrendsPage />, handle: { nav: 'Trends' } satisfies NavHandle },
  { path: 'trends/:metric', element: <TrendsPage /> },
  { path: 'insights', element: <InsightsPage />, handle: { nav: 'Insights' } satisfies NavHandle },
  { path: 'entry', element: <ManualEntryPage />, handle: { nav: 'Add entry' } satisfies NavHandle },
  { path: 'import', element: <ImportPage />, handle: { nav: 'Import' } satisfies NavHandle },
  { path: 'devices', element: <DevicesPage />, handle: { nav: 'Devices' } satisfies NavHandle },
  ...sharingAppRoutes,
  { path: 'settings', element: <SettingsPage />, handle: { nav: 'Settings' } satisfies NavHandle },
];

/** Screens that need no account and no replica, the public share viewer among them. */
export const publicRoutes: RouteObject[] = [
  { path: 'signin', element: <SignInPage /> },
  { path: 'signup', element: <SignUpPage /> },
  ...sharingPublicRoutes,
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
