import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation, type RouteObject } from 'react-router';
import type { NavHandle } from './nav.js';

export type NavItem = { to: string; label: string; tab: boolean };

/** The navigation entries of the routes that carry a `handle.nav`, in route order. */
export function navItems(routes: RouteObject[]): NavItem[] {
  return routes.flatMap((route) => {
    const handle = route.handle as Partial<NavHandle> | undefined;
    if (!handle?.nav) return [];
    return [
      { to: route.index ? '/' : `/${route.path ?? ''}`, label: handle.nav, tab: !!handle.tab },
    ];
  });
}

const isAt = (pathname: string, to: string) =>
  to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);

/** Closes the open "More" panel on Escape (focus back on its button) or a press outside it. */
function useDismiss(open: boolean, close: () => void, container: HTMLElement | null) {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        close();
        container?.querySelector('button')?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!(event.target instanceof Node && container?.contains(event.target))) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, close, container]);
}

/**
 * The main navigation. Wide screens show every entry in a bar under the header; narrow screens
 * (styles.css) show a bottom tab bar with the `tab` entries and a "More" button that discloses
 * the rest and the account. Both lists are rendered; CSS shows one, so the accessibility tree
 * holds each link once at any width.
 */
export function MainNav({ items, account }: { items: NavItem[]; account: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [more, setMore] = useState<HTMLLIElement | null>(null);
  const close = useRef(() => setOpen(false)).current;
  const { pathname } = useLocation();
  const panelId = useId();
  useDismiss(open, close, more);
  const secondary = items.filter((item) => !item.tab);
  const moreActive = secondary.some((item) => isAt(pathname, item.to));

  return (
    <nav className="app-nav" aria-label="Main">
      <ul className="app-nav__list">
        {items.map((item) => (
          <li key={item.to} className={item.tab ? undefined : 'app-nav__wide-only'}>
            <NavLink to={item.to} end={item.to === '/'}>
              {item.label}
            </NavLink>
          </li>
        ))}
        <li className="app-nav__more" ref={setMore}>
          <button
            type="button"
            className={moreActive ? 'active' : undefined}
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((wasOpen) => !wasOpen)}
          >
            More
          </button>
          <div id={panelId} className="app-nav__more-panel" hidden={!open}>
            <ul>
              {secondary.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} onClick={close}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
            {account}
          </div>
        </li>
      </ul>
    </nav>
  );
}
