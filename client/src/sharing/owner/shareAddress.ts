/** The share link to hand out, and why it may not work for its recipient. */
export type ShareAddress = { url: string; warning: string | null };

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i;

/**
 * The link built from the address the person is actually using: the server knows only its
 * configured `BASE_URL` (by default `http://localhost:3000`), while the browser knows the name it
 * reached the server by. The server's path (`/shared/<code>`) is kept; the origin is the page's
 * when it is an http(s) origin. An address on this machine only (localhost) would not open on the
 * doctor's computer: that is said before the link is sent.
 */
export function shareAddress(serverUrl: string, pageOrigin: string): ShareAddress {
  const server = new URL(serverUrl);
  let origin: URL | null = null;
  try {
    const page = new URL(pageOrigin);
    if (page.protocol === 'https:' || page.protocol === 'http:') origin = page;
  } catch {
    origin = null;
  }
  const base = origin ?? server;
  const url = new URL(`${server.pathname}${server.search}${server.hash}`, base.origin).href;
  const warning = LOCAL_HOST.test(base.hostname)
    ? `This link points at ${base.host}, an address of this computer only: nobody else can open it. Open Hearth by the address others can reach (ask whoever runs the server to set BASE_URL) and create the link there.`
    : null;
  return { url, warning };
}
