/** How far a tooltip sits from the point it describes, in CSS pixels. */
export const TOOLTIP_GAP = 12;

/**
 * The left edge of a tooltip beside a point at `anchor` in a box `boxWidth` wide: to the right
 * of the point, flipped to its left where it would overflow the box, and clamped into the box
 * where neither side has room (a phone's chart is often narrower than two tooltips).
 */
export function tooltipLeft(anchor: number, tooltipWidth: number, boxWidth: number): number {
  const right = anchor + TOOLTIP_GAP;
  if (right + tooltipWidth <= boxWidth) return right;
  const left = anchor - TOOLTIP_GAP - tooltipWidth;
  if (left >= 0) return left;
  return Math.max(0, boxWidth - tooltipWidth);
}
