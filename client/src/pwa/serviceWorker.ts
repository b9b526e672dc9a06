import { BehaviorSubject } from 'rxjs';
import { Workbox } from 'workbox-window';

/** Set when a new version is installed and waiting; calling it activates it and reloads. */
export const pendingUpdate$ = new BehaviorSubject<(() => void) | null>(null);

/**
 * Registers the service worker that precaches the app shell (built by vite-plugin-pwa), so the
 * app opens with no network after its first load. A new version waits until the person agrees
 * to reload, so a form being filled in is never lost to a surprise refresh.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    pendingUpdate$.next(() => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  workbox.register().catch(() => {
    // Not fatal: the app works online without it (e.g. a browser in private mode).
  });
}
