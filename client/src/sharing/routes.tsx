import type { RouteObject } from 'react-router';
import { SharingPage } from './owner/SharingPage.js';
import { SharedViewerPage } from './viewer/SharedViewerPage.js';

/** The owner's sharing screen, inside the signed-in app (the nav shows it as "Sharing"). */
export const sharingAppRoutes: RouteObject[] = [
  { path: 'sharing', element: <SharingPage />, handle: { nav: 'Sharing' } },
];

/** The public viewer a share link opens: no account, no replica. */
export const sharingPublicRoutes: RouteObject[] = [
  { path: 'shared/:accessCode', element: <SharedViewerPage /> },
];
