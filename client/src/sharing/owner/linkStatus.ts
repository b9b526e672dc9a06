import type { ShareLink } from '@hearth/schema';

export type LinkStatus = 'active' | 'expired' | 'revoked';

/** Revocation wins over expiry: a revoked link says so even after its expiry date. */
export function linkStatus(
  link: Pick<ShareLink, 'expiresAt' | 'revokedAt'>,
  nowMs: number,
): LinkStatus {
  if (link.revokedAt !== null) return 'revoked';
  return Date.parse(link.expiresAt) <= nowMs ? 'expired' : 'active';
}

export const STATUS_LABEL: Readonly<Record<LinkStatus, string>> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** Active links first (newest first within each group, as the server lists them). */
export function sortForDisplay(links: readonly ShareLink[], nowMs: number): ShareLink[] {
  const rank = (l: ShareLink) => (linkStatus(l, nowMs) === 'active' ? 0 : 1);
  return links
    .map((link, i) => ({ link, i }))
    .sort((a, b) => rank(a.link) - rank(b.link) || a.i - b.i)
    .map(({ link }) => link);
}
