import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

/**
 * A screen loaded on its first visit, as its own chunk (the router's `lazy`). The share viewer a
 * doctor opens then downloads neither RxDB nor the dashboard's charts (BENCHMARKS.md, "Client
 * bundle"); the service worker precaches every chunk, so a screen never visited before still
 * opens offline.
 */
export function lazyScreen(
  load: () => Promise<ComponentType>,
): Required<Pick<RouteObject, 'lazy'>> {
  return { lazy: async () => ({ Component: await load() }) };
}
