import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples } from '../test-support/http.js';
import { RollupWorker } from '../worker/rollup-worker.js';
import { sealLegacyMetadata } from './legacy-metadata.js';

let db: TestDatabase;
let app: FastifyInstance;

useTestApp((fixture) => ({ db, app } = fixture));

const RECIPIENT = 'dr-metabolic-clinic@example.org';
const IP = '203.0.113.77';

/** The text of every column of the tables holding this metadata, as a dump would show it. */
async function dump(): Promise<string> {
  const tables = ['insights', 'settings', 'share_links', 'share_link_accesses'];
  let text = '';
  for (const table of tables) {
    const res = await db.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
    text += res.rows.map((r) => r.row).join('\n') + '\n';
  }
  return text;
}

async function userWithMetadata() {
  const user = await registerUser(app);
  const device = await createDevice(app, user);
  const t = new Date(Date.now() - 3600_000).toISOString();
  await syncSamples(app, device, [
    { type: 'BLOOD_GLUCOSE', value: 290, unit: 'mg/dL', startDate: t, endDate: t },
  ]);
  const goals = await app.inject({
    method: 'PUT',
    url: '/api/v1/users/me/settings',
    headers: { cookie: user.cookie },
    payload: { goals: { WEIGHT: 71.5 } },
  });
  expect(goals.statusCode).toBe(200);
  await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
  const share = await app.inject({
    method: 'POST',
    url: '/api/v1/sharing/tokens',
    headers: { cookie: user.cookie },
    payload: {
      recipientEmail: RECIPIENT,
      dataTypes: ['BLOOD_GLUCOSE'],
      dateStart: t.slice(0, 10),
      dateEnd: t.slice(0, 10),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  const code = share.json().accessCode as string;
  const opened = await app.inject({ url: `/api/v1/sharing/data/${code}`, remoteAddress: IP });
  expect(opened.statusCode).toBe(200);
  return user;
}

describe('health metadata at rest', () => {
  it('stores insight ids opaque and goals, recipients and access IPs sealed', async () => {
    const user = await userWithMetadata();
    const insights = await app.inject({
      url: '/api/v1/users/me/insights',
      headers: { cookie: user.cookie },
    });
    const list = insights.json().insights as Array<{ id: string; type: string; subject: string }>;
    expect(list.some((i) => i.type === 'out_of_range' && i.subject === 'BLOOD_GLUCOSE')).toBe(true);
    for (const insight of list) expect(insight.id).toMatch(/^i_/);
    const text = await dump();
    for (const secret of ['out_of_range', '71.5', RECIPIENT, IP]) {
      expect(text).not.toContain(secret);
    }
    // A share's scope (its types) stays plaintext (ARCHITECTURE.md, "Data at rest"); insights do not.
    const rows = await db.pool.query<{ row: string }>('SELECT t::text AS row FROM insights t');
    expect(rows.rows.map((r) => r.row).join('\n')).not.toContain('BLOOD_GLUCOSE');
    // The owner still reads them back.
    const links = await app.inject({
      url: '/api/v1/sharing/tokens',
      headers: { cookie: user.cookie },
    });
    expect(links.json().tokens[0].recipientEmail).toBe(RECIPIENT);
  });

  it('rewrites rows stored in plaintext before, keeping acknowledgements', async () => {
    const user = await userWithMetadata();
    const [insight] = (
      await app.inject({ url: '/api/v1/users/me/insights', headers: { cookie: user.cookie } })
    ).json().insights as Array<{ id: string }>;
    // Put the rows back as the previous version stored them.
    const key = await app.keyring.getUserKey(db.pool, user.me.id);
    const { sealInsight } = await import('../insights/insights.repository.js');
    const rows = await db.pool.query<{ payload: Buffer }>(
      'SELECT payload FROM insights WHERE user_id = $1 AND id = $2',
      [user.me.id, insight?.id],
    );
    const { openInsight } = await import('../insights/insights.repository.js');
    const open = openInsight(key, user.me.id, {
      id: insight?.id ?? '',
      payload: rows.rows[0]!.payload,
      acknowledged: false,
      position: 0,
      updatedAt: '',
      deleted: false,
    });
    const legacyId = `${open.type}:${open.subject}:${open.date}`;
    const { acknowledged: _a, ...payload } = { ...open, id: legacyId };
    await db.pool.query('DELETE FROM insights WHERE user_id = $1', [user.me.id]);
    await db.pool.query(
      `INSERT INTO insights (user_id, id, local_date, payload, acknowledged, position)
       VALUES ($1, $2, $3, $4, true, 999999)`,
      [user.me.id, legacyId, open.date, sealInsight(key, user.me.id, payload)],
    );
    await db.pool.query(
      `UPDATE settings SET goals = '{"WEIGHT":71.5}', goals_sealed = NULL WHERE user_id = $1`,
      [user.me.id],
    );
    await db.pool.query(
      `UPDATE share_links SET recipient_email = $2, recipient_sealed = NULL WHERE user_id = $1`,
      [user.me.id, RECIPIENT],
    );
    await db.pool.query(
      `UPDATE share_link_accesses SET ip = $2, user_agent = 'Legacy', client_sealed = NULL
        WHERE user_id = $1`,
      [user.me.id, IP],
    );
    // Readable as they are, before the rewrite.
    const before = await app.inject({
      url: '/api/v1/users/me/settings',
      headers: { cookie: user.cookie },
    });
    expect(before.json().goals).toEqual({ WEIGHT: 71.5 });

    expect(await sealLegacyMetadata(db.pool, app.keyring)).toBeGreaterThanOrEqual(1);

    const live = await db.pool.query<{ id: string; acknowledged: boolean; local_date: unknown }>(
      'SELECT id, acknowledged, local_date FROM insights WHERE user_id = $1 AND NOT deleted',
      [user.me.id],
    );
    expect(live.rows).toEqual([{ id: insight?.id, acknowledged: true, local_date: null }]);
    const text = (await dump()).split('\n').filter((line) => !line.includes(legacyId));
    for (const secret of ['71.5', RECIPIENT, IP]) expect(text.join('\n')).not.toContain(secret);
    const after = await app.inject({
      url: '/api/v1/users/me/settings',
      headers: { cookie: user.cookie },
    });
    expect(after.json().goals).toEqual({ WEIGHT: 71.5 });
    const links = await app.inject({
      url: '/api/v1/sharing/tokens',
      headers: { cookie: user.cookie },
    });
    expect(links.json().tokens[0].recipientEmail).toBe(RECIPIENT);
    // A second sweep has nothing left to do.
    expect(await sealLegacyMetadata(db.pool, app.keyring)).toBe(0);
  });
});
