import { sleepStageCode, type RollupSeries } from '@hearth/core';
import type { SleepStage } from '@hearth/schema';

/** A watch's sleep series from (stage, from, to) pieces, each worth its minutes, as core stores it. */
export function watchSleep(pieces: [SleepStage, string, string][]): RollupSeries {
  return {
    deviceId: 'watch',
    type: 'SLEEP_ANALYSIS',
    points: pieces.map(([stage, from, to]) => {
      const [start, end] = [Date.parse(from), Date.parse(to)];
      const code = sleepStageCode(stage);
      const point = [start, end, (end - start) / 60_000] as const;
      return code === 0 ? point : [...point, code];
    }),
  };
}
