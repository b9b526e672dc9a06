/**
 * The seed's deduplication (SEED.md, `deduplicateSamples` and `findOverlap`), kept here only as a
 * benchmark baseline. It is knowingly wrong (SPECIFICATION.md §11: O(n²) scan, first overlap only, partial
 * remainders forgotten) and must never be used outside this folder. The logic is unchanged; only
 * the types are written out so it compiles under strict TypeScript.
 */

type AggregationStrategy = 'sum' | 'average' | 'latest' | 'min' | 'max';

export interface SeedRow {
  id: string;
  value: number;
  start_date: Date;
  end_date: Date;
  source_device: string;
}

// Device priority for deduplication (higher = more trusted)
const DEVICE_PRIORITY: Record<string, number> = {
  apple_watch: 100,
  iphone: 80,
  ipad: 70,
  third_party_wearable: 50,
  third_party_scale: 40,
  manual_entry: 10,
};

type Overlap = { full: true } | { partial: true; overlapStart: Date; overlapEnd: Date } | null;

function findOverlap(
  start: Date,
  end: Date,
  coveredRanges: Array<{ start: Date; end: Date }>,
): Overlap {
  for (const range of coveredRanges) {
    if (start < range.end && end > range.start) {
      const overlapStart = new Date(Math.max(start.getTime(), range.start.getTime()));
      const overlapEnd = new Date(Math.min(end.getTime(), range.end.getTime()));

      if (overlapStart.getTime() === start.getTime() && overlapEnd.getTime() === end.getTime()) {
        return { full: true };
      }

      return { partial: true, overlapStart, overlapEnd };
    }
  }
  return null;
}

export function deduplicateSamples(
  samples: SeedRow[],
  aggregation: AggregationStrategy,
): SeedRow[] {
  // Sort by device priority (highest first)
  const sorted = [...samples].sort(
    (a, b) => (DEVICE_PRIORITY[b.source_device] || 0) - (DEVICE_PRIORITY[a.source_device] || 0),
  );

  const result: SeedRow[] = [];
  const coveredRanges: Array<{ start: Date; end: Date }> = [];

  for (const sample of sorted) {
    const start = new Date(sample.start_date);
    const end = new Date(sample.end_date);

    const overlap = findOverlap(start, end, coveredRanges);

    if (!overlap) {
      // No overlap - include full sample
      result.push(sample);
      coveredRanges.push({ start, end });
    } else if ('partial' in overlap && aggregation === 'sum') {
      // Partial overlap - adjust value proportionally for sum metrics
      const totalDuration = end.getTime() - start.getTime();
      const overlapDuration = overlap.overlapEnd.getTime() - overlap.overlapStart.getTime();
      const remainingRatio = (totalDuration - overlapDuration) / totalDuration;

      if (remainingRatio > 0) {
        result.push({
          ...sample,
          value: sample.value * remainingRatio,
        });
      }
    }
    // Full overlap: skip (higher priority device already covered this time)
  }

  return result;
}
