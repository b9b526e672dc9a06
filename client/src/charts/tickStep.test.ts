import { describe, expect, it } from 'vitest';
import { tickStep } from './tickStep.js';

describe('tickStep', () => {
  it('thins axis labels to fit the width', () => {
    expect(tickStep(30, 640)).toBe(3);
    expect(tickStep(7, 640)).toBe(1);
    expect(tickStep(365, 320)).toBe(73);
  });

  it('labels every tick of a chart too narrow to measure yet', () => {
    expect(tickStep(12, 0)).toBe(12);
    expect(tickStep(0, 640)).toBe(1);
  });
});
