import type { ImportSummary } from '@hearth/core/import';
import { describe, expect, it } from 'vitest';
import { summaryView } from './importSummary.js';

const summary: ImportSummary = {
  bytesRead: 1000,
  records: 120,
  samples: 100,
  skipped: { 'unsupported-type': 15, 'bad-date': 2, 'in-correlation': 3 },
  byType: {
    HEART_RATE: { kept: 30, skipped: { 'in-correlation': 3 } },
    STEPS: { kept: 70, skipped: { 'bad-date': 2 } },
  },
  bySource: [
    { key: 'iphone', name: 'Anna’s iPhone', kind: 'iphone', samples: 40, skipped: 2 },
    { key: 'watch', name: 'Anna’s Apple Watch', kind: 'apple_watch', samples: 60, skipped: 3 },
  ],
};

describe('summaryView', () => {
  it('lists types in the usual order and sources by samples kept, with readable reasons', () => {
    const view = summaryView(summary, { added: 100, replaced: 0, devicesCreated: 2 });
    expect(view.byType).toEqual([
      { name: 'Steps', kept: 70, skipped: 2, reasons: 'a date that could not be read: 2' },
      {
        name: 'Heart Rate',
        kept: 30,
        skipped: 3,
        reasons: 'repeated inside a grouped entry (kept once): 3',
      },
    ]);
    expect(view.bySource).toEqual([
      { name: 'Anna’s Apple Watch', kind: 'Apple Watch', kept: 60, skipped: 3 },
      { name: 'Anna’s iPhone', kind: 'iPhone', kept: 40, skipped: 2 },
    ]);
    expect(view.skipped.map((r) => r.records)).toEqual([15, 3, 2]);
    expect(view.skipped[0]?.reason).toMatch(/^Types Hearth does not keep/);
    expect(view.headline).toBe('Read 120 records and kept 100 samples: 100 new.');
  });

  it("lower-cases a reason's first letter inside a type's row, never the product's name", () => {
    const view = summaryView(
      { ...summary, byType: { WEIGHT: { kept: 1, skipped: { 'unknown-unit': 4 } } } },
      { added: 1, replaced: 0, devicesCreated: 0 },
    );
    expect(view.byType[0]?.reasons).toBe('a unit Hearth does not know for that type: 4');
  });

  it('says how many were already there on a re-import', () => {
    const view = summaryView(summary, { added: 5, replaced: 1, devicesCreated: 0 });
    expect(view.headline).toBe(
      'Read 120 records and kept 100 samples: 5 new, 1 updated, 94 already in Hearth.',
    );
  });
});
