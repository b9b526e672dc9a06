import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  resolveSourcePriority,
  sleepNightsFromSeries,
  type RollupSeries,
  type SleepNight,
} from '@hearth/core';
import { appleHealthExportZip, createAppleHealthReader } from '@hearth/core/import';
import { SERIES_SLEEP_STAGE_CODES } from '@hearth/schema';

/**
 * A synthetic Apple Health export.zip written into `dir`, and the nights core reads from it with
 * the sources' default priority: what the app should draw after importing that file.
 */
export function writeSleepExport(
  dir: string,
  options: { seed: string; endDate: string; days: number; timeZone: string },
): { path: string; nights: SleepNight[] } {
  const path = join(dir, 'export.zip');
  writeFileSync(path, Buffer.concat([...appleHealthExportZip(options)]));
  const reader = createAppleHealthReader({ now: Date.now() });
  const bytes = readFileSync(path);
  const samples = [...reader.push(bytes), ...reader.end()].filter(
    (s) => s.type === 'SLEEP_ANALYSIS',
  );
  const devices = reader.sources.map((s, i) => ({
    id: `source-${i}`,
    kind: s.kind,
    createdAt: '2026-01-01T00:00:00.000Z',
  }));
  const series: RollupSeries[] = devices.map((d, i) => ({
    deviceId: d.id,
    type: 'SLEEP_ANALYSIS',
    points: samples
      .filter((s) => s.source === i)
      .map((s) => {
        const code =
          s.sleepStage && s.sleepStage !== 'asleep' ? SERIES_SLEEP_STAGE_CODES[s.sleepStage] : 0;
        return code ? [s.start, s.end, s.value, code] : [s.start, s.end, s.value];
      }),
  }));
  const nights = sleepNightsFromSeries(series, {
    timeZone: options.timeZone,
    priority: resolveSourcePriority(devices, []),
  });
  return { path, nights };
}
