import { useCallback, useEffect, useState } from 'react';
import type { ShareLink } from '@hearth/schema';
import { listShareLinks } from './sharingApi.js';
import { sharingErrorText } from './errorText.js';

export type ShareLinksState =
  | { status: 'loading' }
  | { status: 'ready'; links: ShareLink[] }
  | { status: 'failed'; message: string };

/** The owner's links from the server, reloaded on demand and whenever the browser comes online. */
export function useShareLinks(online: boolean): { state: ShareLinksState; reload: () => void } {
  const [state, setState] = useState<ShareLinksState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    if (!online) return;
    const controller = new AbortController();
    listShareLinks(controller.signal).then(
      (links) => setState({ status: 'ready', links }),
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setState({ status: 'failed', message: sharingErrorText(err) });
      },
    );
    return () => controller.abort();
  }, [online, generation]);

  return { state, reload };
}
