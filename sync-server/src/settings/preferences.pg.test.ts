import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { defaultPreferences, type Preferences, type SettingsDoc } from '@hearth/schema';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { registerUser, type TestUser } from '../test-support/http.js';
import { pullAll, push } from '../replication/replication.test-helpers.js';

let db: TestDatabase;
let app: FastifyInstance;

useTestApp((fixture) => ({ db, app } = fixture));

const PREFERENCES: Preferences = {
  displayUnits: { WEIGHT: 'lb', DISTANCE: 'mi', BLOOD_GLUCOSE: 'mmol/L' },
  hourCycle: 'h12',
  dashboard: { order: ['WEIGHT', 'STEPS'], hidden: ['BODY_FAT'] },
};

function putSettings(user: TestUser, payload: object) {
  return app.inject({
    method: 'PUT',
    url: '/api/v1/users/me/settings',
    headers: { cookie: user.cookie },
    payload,
  });
}

/** A push as a replica older than preferences sends it: documents without the field. */
function pushWithoutPreferences(user: TestUser, assumed: object, next: object) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/replication/settings/push',
    headers: { cookie: user.cookie },
    payload: { rows: [{ assumedMasterState: assumed, newDocumentState: next }] },
  });
}

async function settingsDoc(user: TestUser): Promise<SettingsDoc> {
  const { documents } = await pullAll(app, user.cookie, 'settings');
  expect(documents).toHaveLength(1);
  return documents[0]!;
}

describe('settings preferences', () => {
  it('round-trip sealed: stored under the user key, read back exactly, kept by other updates', async () => {
    const user = await registerUser(app);
    expect((await putSettings(user, { preferences: PREFERENCES })).statusCode).toBe(200);
    expect((await putSettings(user, { goals: { STEPS: 6000 } })).json().preferences).toEqual(
      PREFERENCES,
    );

    const row = await db.pool.query<{ preferences_sealed: Buffer }>(
      'SELECT preferences_sealed FROM settings WHERE user_id = $1',
      [user.me.id],
    );
    const sealed = row.rows[0]!.preferences_sealed;
    expect(sealed.length).toBeGreaterThan(0);
    expect(sealed.toString('latin1')).not.toContain('mmol/L');
    expect(sealed.toString('latin1')).not.toContain('WEIGHT');
    expect((await settingsDoc(user)).preferences).toEqual(PREFERENCES);
  });

  it('refuses a unit the type cannot be shown in', async () => {
    const user = await registerUser(app);
    const bad = await putSettings(user, { preferences: { displayUnits: { WEIGHT: 'mi' } } });
    expect(bad.statusCode).toBe(400);
  });

  it('replicates: a row without preferences reads as the defaults; a pushed change comes back', async () => {
    const user = await registerUser(app);
    const before = await settingsDoc(user);
    expect(before.preferences).toEqual(defaultPreferences());

    const next = { ...before, preferences: PREFERENCES };
    expect(
      await push(app, user.cookie, 'settings', [
        { assumedMasterState: before, newDocumentState: next },
      ]),
    ).toEqual([]);
    expect(await settingsDoc(user)).toEqual({ ...next, updatedAt: expect.any(String) });
  });

  it('an old replica pushing a document without preferences neither fails nor erases them', async () => {
    const user = await registerUser(app);
    const { preferences: _unknownToOldReplica, ...oldDoc } = await settingsDoc(user);

    // Before any preference is set, the old document writes as before.
    const first = await pushWithoutPreferences(user, oldDoc, { ...oldDoc, goals: { STEPS: 7000 } });
    expect(first.statusCode).toBe(200);
    expect(first.json().conflicts).toEqual([]);
    const written = await settingsDoc(user);
    expect(written).toMatchObject({ goals: { STEPS: 7000 }, preferences: defaultPreferences() });

    // Once another device set preferences, the old replica's view is stale: it gets the master
    // (with the preferences) back as a conflict, and nothing is lost.
    await putSettings(user, { preferences: PREFERENCES });
    const { preferences: _set, ...stale } = written;
    const second = await pushWithoutPreferences(user, stale, { ...stale, goals: { STEPS: 5000 } });
    expect(second.statusCode).toBe(200);
    expect(second.json().conflicts).toEqual([
      expect.objectContaining({ goals: { STEPS: 7000 }, preferences: PREFERENCES }),
    ]);
    expect((await settingsDoc(user)).preferences).toEqual(PREFERENCES);
  });
});
