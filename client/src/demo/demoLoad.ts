import { localDateOf } from '@hearth/core';
import { BehaviorSubject } from 'rxjs';
import { createDevice } from '../api/devices.js';
import { NetworkError } from '../api/http.js';
import type { Replica } from '../sync/replica.js';
import { loadDemoData, type DemoProgress } from './loadDemoData.js';

export type DemoLoadState =
  | { status: 'idle' }
  | { status: 'loading'; progress: DemoProgress | null }
  | { status: 'done'; samples: number }
  | { status: 'failed'; message: string };

/**
 * The demo load outlives the screen that started it (the empty state disappears as soon as the
 * first series land), so its progress lives here, for the page's lifetime.
 */
export const demoLoadState$ = new BehaviorSubject<DemoLoadState>({ status: 'idle' });

export function startDemoLoad(replica: Replica, timeZone: string): void {
  if (demoLoadState$.value.status === 'loading') return;
  demoLoadState$.next({ status: 'loading', progress: null });
  const now = Date.now();
  loadDemoData(replica.db, replica.localChanges, {
    timeZone,
    today: localDateOf(now, timeZone),
    now,
    createDevice,
    onProgress: (progress) => demoLoadState$.next({ status: 'loading', progress }),
  }).then(
    ({ samples }) => demoLoadState$.next({ status: 'done', samples }),
    (error: unknown) =>
      demoLoadState$.next({
        status: 'failed',
        message:
          error instanceof NetworkError
            ? 'Loading demo data registers demo devices on the server: connect and try again.'
            : 'The demo data could not be loaded. Try again.',
      }),
  );
}
