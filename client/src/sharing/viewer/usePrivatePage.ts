import { useEffect } from 'react';

function setMeta(name: string, content: string): () => void {
  const meta = document.createElement('meta');
  meta.name = name;
  meta.content = content;
  document.head.append(meta);
  return () => meta.remove();
}

/**
 * The viewer's URL holds the access code: keep it out of Referer headers sent to other sites
 * and out of search engines, and give the tab a title that does not repeat the code.
 */
export function usePrivatePage(title: string): void {
  useEffect(() => {
    const previousTitle = document.title;
    document.title = title;
    const removers = [setMeta('referrer', 'no-referrer'), setMeta('robots', 'noindex, nofollow')];
    return () => {
      document.title = previousTitle;
      for (const remove of removers) remove();
    };
  }, [title]);
}
