import type { RouteObject } from 'react-router';
import { lazyScreen } from '../app/lazyScreen.js';
import type { NavHandle } from '../app/nav.js';

/**
 * The owner's sharing screen, inside the signed-in app (the nav shows it as "Sharing"). The
 * public viewer a share link opens is a page of its own (`viewer.html`, `viewer/main.tsx`).
 */
export const sharingAppRoutes: RouteObject[] = [
  {
    path: 'sharing',
    ...lazyScreen(() => import('./owner/SharingPage.js').then((m) => m.SharingPage)),
    handle: { nav: 'Sharing' } satisfies NavHandle,
  },
];
