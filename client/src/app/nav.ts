import type { UIMatch } from 'react-router';

/**
 * A route that shows in the main navigation carries its link text in its `handle`; `tab` puts it
 * in the phone's bottom tab bar (at most four, the rest go under "More"), and `title` names the
 * page when it differs from the link text.
 */
export type NavHandle = { nav: string; tab?: boolean; title?: string };

/** Any other screen names itself for the browser tab and for screen readers. */
export type PageHandle = { title: string };

const APP_NAME = 'Hearth';

/** "Trends · Hearth": the title of the deepest matched route that has one. */
export function pageTitle(matches: readonly Pick<UIMatch, 'handle'>[]): string {
  for (const match of [...matches].reverse()) {
    const handle = match.handle as Partial<NavHandle & PageHandle> | undefined;
    const title = handle?.title ?? handle?.nav;
    if (title) return `${title} · ${APP_NAME}`;
  }
  return APP_NAME;
}
