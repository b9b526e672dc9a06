import { describe, expect, it } from 'vitest';
import type { ShareLink } from '@hearth/schema';
import { linkStatus, sortForDisplay } from './linkStatus.js';

const now = Date.parse('2026-03-10T12:00:00Z');

function link(id: string, expiresAt: string, revokedAt: string | null = null): ShareLink {
  return {
    id,
    recipientEmail: null,
    dataTypes: ['STEPS'],
    dateStart: '2026-03-01',
    dateEnd: '2026-03-09',
    expiresAt,
    createdAt: '2026-03-01T00:00:00Z',
    accessCount: 0,
    lastAccessedAt: null,
    revokedAt,
  };
}

describe('linkStatus', () => {
  it('is active until the expiry instant, expired from it on', () => {
    expect(linkStatus(link('a', '2026-03-10T12:00:01Z'), now)).toBe('active');
    expect(linkStatus(link('a', '2026-03-10T12:00:00Z'), now)).toBe('expired');
  });

  it('says revoked even when the link has also expired', () => {
    expect(linkStatus(link('a', '2026-03-01T00:00:00Z', '2026-02-28T00:00:00Z'), now)).toBe(
      'revoked',
    );
  });
});

describe('sortForDisplay', () => {
  it('puts active links first and keeps the server order within each group', () => {
    const links = [
      link('expired', '2026-03-01T00:00:00Z'),
      link('active-new', '2026-04-01T00:00:00Z'),
      link('revoked', '2026-04-01T00:00:00Z', '2026-03-05T00:00:00Z'),
      link('active-old', '2026-05-01T00:00:00Z'),
    ];
    expect(sortForDisplay(links, now).map((l) => l.id)).toEqual([
      'active-new',
      'active-old',
      'expired',
      'revoked',
    ]);
  });
});
