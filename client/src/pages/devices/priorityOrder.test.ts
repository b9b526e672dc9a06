import { describe, expect, it } from 'vitest';
import { moveAnnouncement, moveItem, reorder } from './priorityOrder.js';

describe('priority order', () => {
  const ids = ['watch', 'phone', 'band', 'scale'];

  it('moves an item up, down, to the top and to the bottom', () => {
    expect(reorder(ids, 'band', 1)).toEqual(['watch', 'band', 'phone', 'scale']);
    expect(reorder(ids, 'watch', 1)).toEqual(['phone', 'watch', 'band', 'scale']);
    expect(reorder(ids, 'scale', 0)).toEqual(['scale', 'watch', 'phone', 'band']);
    expect(reorder(ids, 'watch', 3)).toEqual(['phone', 'band', 'scale', 'watch']);
  });

  it('clamps out-of-range targets and ignores unknown items', () => {
    expect(reorder(ids, 'watch', -1)).toEqual(ids);
    expect(reorder(ids, 'scale', 9)).toEqual(ids);
    expect(reorder(ids, 'nope', 0)).toEqual(ids);
    expect(moveItem([], 0, 0)).toEqual([]);
  });

  it('announces the new position', () => {
    expect(moveAnnouncement('iPhone', 0, 5)).toBe('iPhone is now number 1 of 5 in priority.');
  });
});
