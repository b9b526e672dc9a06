import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOOLTIP_GAP, tooltipLeft } from './tooltipPosition.js';

describe('tooltipLeft', () => {
  it('sits right of the point where it fits', () => {
    expect(tooltipLeft(100, 120, 400)).toBe(100 + TOOLTIP_GAP);
  });

  it('flips to the left of the point near the right edge', () => {
    expect(tooltipLeft(350, 120, 400)).toBe(350 - TOOLTIP_GAP - 120);
  });

  it('is clamped into the box where neither side has room', () => {
    expect(tooltipLeft(150, 250, 300)).toBe(50);
    expect(tooltipLeft(150, 320, 300)).toBe(0);
  });

  it('never leaves a box it fits in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (box, anchorShare, widthShare) => {
          const anchor = box * anchorShare;
          const width = box * widthShare;
          const left = tooltipLeft(anchor, width, box);
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left + width).toBeLessThanOrEqual(box + 1e-9);
        },
      ),
    );
  });
});
