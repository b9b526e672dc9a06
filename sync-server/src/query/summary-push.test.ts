import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALTH_DATA_TYPES, type DailySummary } from '@hearth/schema';
import { rowAad, seal } from '../crypto/envelope.js';
import { openSummaryPush, PUSH_BUDGET_BYTES, pushPlaintext } from './summary-push.js';

/** What PostgreSQL accepts as a NOTIFY payload at most. */
const NOTIFY_LIMIT_BYTES = 7999;

const day = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const summary: fc.Arbitrary<[string, string]> = fc
  .tuple(
    day,
    fc.dictionary(
      fc.constantFrom(...HEALTH_DATA_TYPES),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    ),
  )
  .map(([date, metrics]) => [date, JSON.stringify({ date, metrics } satisfies DailySummary)]);

function sealAs(userId: string, dataKey: Buffer, plain: string): string {
  return seal(dataKey, Buffer.from(plain), rowAad('summary-push', userId)).toString('base64');
}

describe('summaries pushed with the rollup NOTIFY', () => {
  it('carry the leading summaries that fit, exactly as sent, in a payload PostgreSQL accepts', () => {
    fc.assert(
      fc.property(fc.array(summary, { maxLength: 40 }), (entries) => {
        const userId = randomUUID();
        const dataKey = randomBytes(32);
        const plain = pushPlaintext(entries);
        if (plain === undefined) {
          expect(entries).toHaveLength(0);
          return;
        }
        expect(Buffer.byteLength(plain)).toBeLessThanOrEqual(PUSH_BUDGET_BYTES);
        const sealed = sealAs(userId, dataKey, plain);
        const payload = JSON.stringify({
          u: userId,
          c: ['freshness', 'rollups', 'insights'],
          s: sealed,
        });
        expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(NOTIFY_LIMIT_BYTES);
        // The leading k entries, each `"date":summary`; the next one would not have fitted.
        const part = ([date, json]: [string, string]) => `${JSON.stringify(date)}:${json}`;
        const k =
          entries.findIndex(
            (_, i) =>
              plain ===
              `{${entries
                .slice(0, i + 1)
                .map(part)
                .join(',')}}`,
          ) + 1;
        expect(k).toBeGreaterThan(0);
        const next = entries[k];
        if (next) {
          expect(Buffer.byteLength(plain) + 1 + Buffer.byteLength(part(next))).toBeGreaterThan(
            PUSH_BUDGET_BYTES,
          );
        }
        // A repeated date keeps its last summary, as the cache would.
        expect(openSummaryPush(dataKey, userId, sealed)).toEqual(new Map(entries.slice(0, k)));
      }),
      { numRuns: 300 },
    );
  });

  it('open only for the person they were sealed for', () => {
    const dataKey = randomBytes(32);
    const sealed = sealAs('ann', dataKey, pushPlaintext([['2026-01-01', '{}']]) as string);
    expect(openSummaryPush(dataKey, 'ann', sealed)).toEqual(new Map([['2026-01-01', '{}']]));
    expect(() => openSummaryPush(dataKey, 'bob', sealed)).toThrow('does not authenticate');
  });
});
