import { useEffect, useRef, useState, type RefObject } from 'react';
import { Outlet, useLocation, useMatches } from 'react-router';
import { pageTitle } from './nav.js';

/** Whether the person has pressed a key or pointed at something on this page yet. */
function useInteracted(): RefObject<boolean> {
  const interacted = useRef(false);
  useEffect(() => {
    const mark = () => {
      interacted.current = true;
    };
    document.addEventListener('pointerdown', mark, { capture: true, once: true });
    document.addEventListener('keydown', mark, { capture: true, once: true });
    return () => {
      document.removeEventListener('pointerdown', mark, { capture: true });
      document.removeEventListener('keydown', mark, { capture: true });
    };
  }, []);
  return interacted;
}

/**
 * Focus stays where it is when it is on a control of the page that survived the navigation (the
 * trends metric picker changes the URL but not the page); it moves when it was on the navigation
 * or on something the new page removed.
 */
function focusKept(): boolean {
  const active = document.activeElement;
  return (
    active !== null &&
    active !== document.body &&
    active.isConnected &&
    active.closest('nav, header') === null
  );
}

/** Focuses the page's heading, waiting for it when the page renders it later (still loading). */
function focusHeading(): () => void {
  const focus = (): boolean => {
    const heading = document.querySelector<HTMLElement>('main h1') ?? document.querySelector('h1');
    if (!heading) return false;
    // Focusable from script only, so the heading never joins the tab order.
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
    return true;
  };
  if (focus()) return () => {};
  const observer = new MutationObserver(() => {
    if (focus()) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}

/**
 * The root of every screen: gives the browser tab the route's title, and after a navigation the
 * person caused moves focus to the new page's `<h1>` and announces the page to screen readers.
 * A first load (or a redirect before the person did anything) leaves focus to the browser.
 */
export function RouteFrame() {
  const matches = useMatches();
  const { pathname } = useLocation();
  const title = pageTitle(matches);
  const interacted = useInteracted();
  const previous = useRef(pathname);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    if (!interacted.current) return;
    setAnnouncement(title);
    if (focusKept()) return;
    return focusHeading();
  }, [pathname, title, interacted]);

  return (
    <>
      <Outlet />
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </>
  );
}
