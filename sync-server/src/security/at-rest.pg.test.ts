import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDatabase } from '../test-support/test-db.js';
import { useTestApp } from '../test-support/fixture.js';
import { createDevice, registerUser, syncSamples } from '../test-support/http.js';
import { RollupWorker } from '../worker/rollup-worker.js';

let db: TestDatabase;
let app: FastifyInstance;

useTestApp((fixture) => ({ db, app } = fixture));

/**
 * Distinctive values, each with a decimal point: hex, uuids and timestamps cannot contain one by
 * chance, so finding one in a dump means it is stored in clear.
 */
const VALUES = { WEIGHT: 83.918273, HEART_RATE: 173.25, BLOOD_GLUCOSE: 213.4375, STEPS: 7919.375 };

function float64Hex(value: number): string {
  const buf = Buffer.alloc(8);
  buf.writeDoubleLE(value);
  return buf.toString('hex');
}

/**
 * Every column of every table as PostgreSQL prints it, like a plain-format dump: `text` holds the
 * non-binary columns, `binary` the bytea columns as hex (searched for encodings of the values).
 */
async function dumpAllTables(): Promise<{ text: string; binary: string }> {
  const columns = await db.pool.query<{
    table_name: string;
    column_name: string;
    data_type: string;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
  );
  let text = '';
  let binary = '';
  for (const { table_name, column_name, data_type } of columns.rows) {
    const rows = await db.pool.query<{ v: string | null }>(
      `SELECT "${column_name}"::text AS v FROM "${table_name}"`,
    );
    const values = rows.rows.map((r) => r.v ?? '').join('\n') + '\n';
    if (data_type === 'bytea') binary += values;
    else text += values;
  }
  return { text, binary };
}

describe('encryption at rest', () => {
  it('leaves no plaintext health value in any column of any table', async () => {
    const user = await registerUser(app);
    const device = await createDevice(app, user);
    const t = '2026-01-10T15:00:00.000Z';
    const end = '2026-01-10T15:30:00.000Z';
    const res = await syncSamples(
      app,
      device,
      [
        { type: 'WEIGHT', value: VALUES.WEIGHT, unit: 'kg', startDate: t, endDate: t },
        { type: 'HEART_RATE', value: VALUES.HEART_RATE, unit: 'bpm', startDate: t, endDate: t },
        {
          type: 'BLOOD_GLUCOSE',
          value: VALUES.BLOOD_GLUCOSE,
          unit: 'mg/dL',
          startDate: t,
          endDate: t,
        },
        { type: 'STEPS', value: VALUES.STEPS, unit: 'count', startDate: t, endDate: end },
        // A rejected sample: its error message is stored with the idempotency record.
        { type: 'HEART_RATE', value: 999.125, unit: 'bpm', startDate: t, endDate: t },
      ],
      { 'x-idempotency-key': 'dump-test' },
    );
    expect(res.json()).toMatchObject({ synced: 4, errors: 1 });
    await new RollupWorker({ pool: db.pool, keyring: app.keyring }).drain();
    const counts = await db.pool.query(
      `SELECT (SELECT count(*) FROM series)::int AS series, (SELECT count(*) FROM rollups)::int AS rollups`,
    );
    expect(counts.rows[0].series).toBe(4);
    expect(counts.rows[0].rollups).toBeGreaterThan(10);

    const dump = await dumpAllTables();
    // The dump does see ordinary columns: the scan below would catch a value stored in clear.
    expect(dump.text).toContain(user.email);
    expect(dump.binary.length).toBeGreaterThan(1000);
    for (const value of [...Object.values(VALUES), 999.125]) {
      expect(dump.text).not.toContain(String(value));
      expect(dump.binary).not.toContain(float64Hex(value));
      expect(dump.binary).not.toContain(Buffer.from(String(value)).toString('hex'));
    }
    // Sums and averages derived from them must not leak either.
    expect(dump.text).not.toContain('"sum"');
    expect(dump.binary).not.toContain(Buffer.from('"sum"').toString('hex'));
  });
});
