import { describe, expect, it } from 'vitest';
import type { SyncSnapshot } from '../../sync/syncTracker.js';
import { syncIndicatorText } from './syncIndicatorText.js';

const now = Date.UTC(2026, 2, 1, 12);
const base: SyncSnapshot = {
  connection: 'connected',
  pendingUploads: 0,
  lastSyncedAt: now - 120_000,
  catchUp: { pulled: 0, estimatedTotal: 0, done: true },
  error: null,
  updateRequired: false,
  syncedByOtherTab: false,
};

describe('syncIndicatorText', () => {
  it('is quiet when everything is synced', () => {
    const text = syncIndicatorText(base, true, now);
    expect(text).toMatchObject({
      tone: 'ok',
      connection: 'Online',
      pending: null,
      lastSynced: 'Last synced 2 minutes ago',
      progress: null,
      error: null,
    });
  });

  it('says offline when the browser or the socket is offline, and counts waiting changes', () => {
    const text = syncIndicatorText({ ...base, pendingUploads: 3 }, false, now);
    expect(text.tone).toBe('offline');
    expect(text.connection).toBe('Offline');
    expect(text.pending).toBe('3 changes waiting to upload');
    expect(syncIndicatorText({ ...base, pendingUploads: 1 }, true, now).pending).toBe(
      '1 change waiting to upload',
    );
    expect(syncIndicatorText({ ...base, connection: 'offline' }, true, now).connection).toBe(
      'Offline',
    );
  });

  it('shows catch-up progress against the estimate, never 100% before it is done', () => {
    const syncing = { pulled: 12_000, estimatedTotal: 48_000, done: false };
    const text = syncIndicatorText({ ...base, catchUp: syncing }, true, now);
    expect(text.tone).toBe('busy');
    expect(text.progress).toEqual({
      label: 'Syncing your history: 12,000 of about 48,000 (25%)',
      value: 12_000,
      max: 48_000,
    });
    const overshoot = { pulled: 50_000, estimatedTotal: 48_000, done: false };
    expect(syncIndicatorText({ ...base, catchUp: overshoot }, true, now).progress?.label).toContain(
      '(99%)',
    );
    const unknown = { pulled: 2000, estimatedTotal: null, done: false };
    expect(syncIndicatorText({ ...base, catchUp: unknown }, true, now).progress).toEqual({
      label: 'Syncing your history: 2,000 pulled',
      value: null,
      max: null,
    });
  });

  it('says when another tab of the browser does the syncing', () => {
    const catchUp = { pulled: 5000, estimatedTotal: 9000, done: false };
    const text = syncIndicatorText({ ...base, syncedByOtherTab: true, catchUp }, true, now);
    expect(text.lastSynced).toBe('Syncing in another Hearth tab');
    expect(text.progress).toBeNull();
  });

  it('surfaces errors and a required update above everything else', () => {
    const failed = { ...base, error: { code: 'internal', message: 'Server error' } };
    expect(syncIndicatorText(failed, true, now)).toMatchObject({
      tone: 'error',
      error: 'Server error',
    });
    const outdated = syncIndicatorText({ ...base, updateRequired: true }, true, now);
    expect(outdated.error).toMatch(/newer version/);
    expect(syncIndicatorText({ ...base, lastSyncedAt: null }, true, now).lastSynced).toBe(
      'Not synced yet',
    );
  });
});

describe('syncIndicatorText when another stream replaced this one', () => {
  it('says live updates are paused and why, without calling it a failure', () => {
    const text = syncIndicatorText({ ...base, connection: 'paused' }, true, now);
    expect(text.tone).toBe('offline');
    expect(text.connection).toBe('Live updates paused');
    expect(text.error).toMatch(/^Hearth is open in too many tabs or browsers of your account/);
  });

  it('lets a real failure speak first', () => {
    const error = { code: 'sync-failed', message: 'The server answered 500' };
    const text = syncIndicatorText({ ...base, connection: 'paused', error }, true, now);
    expect(text).toMatchObject({ tone: 'error', error: 'The server answered 500' });
  });
});
