/**
 * Label every n-th tick of a band axis so labels never overlap: about one per `minSpacing`
 * pixels. Shared by every chart with a time axis (trends, sleep stages).
 */
export function tickStep(count: number, width: number, minSpacing = 64): number {
  const fit = Math.max(1, Math.floor(width / minSpacing));
  return Math.max(1, Math.ceil(count / fit));
}
