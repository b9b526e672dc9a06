import type { ImportProgress } from '@hearth/core/import';
import { format } from '../../format/currentFormat.js';

const MB = 1_000_000;

/** Speed and time left are guesses until the reading has run this long. */
const SETTLE_MS = 1000;

export type ProgressView = {
  /** 0–100, or null when the size is unknown (an indeterminate bar). */
  percent: number | null;
  /** "12.3 MB of 200 MB". */
  bytes: string;
  records: string;
  samples: string;
  /** "8.1 MB/s", or null before the first second. */
  speed: string | null;
  /** "about 2 min left", or null while unknown. */
  timeLeft: string | null;
};

export function formatMegabytes(bytes: number): string {
  return `${format().number(bytes / MB, 1)} MB`;
}

/** A remaining duration as a person reads it: rounded, never falsely precise. */
export function formatTimeLeft(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest ? ` ${rest} min` : ''} left`;
}

/** What the progress bar and its figures say, from the reader's progress and the clock. */
export function progressView(
  progress: ImportProgress,
  startedAt: number,
  now: number,
): ProgressView {
  const { bytesRead, totalBytes } = progress;
  const known = totalBytes !== undefined && totalBytes > 0;
  const elapsed = now - startedAt;
  const perMs = elapsed >= SETTLE_MS && bytesRead > 0 ? bytesRead / elapsed : null;
  const left = known && perMs !== null ? Math.max(0, totalBytes - bytesRead) / perMs : null;
  return {
    percent: known ? Math.min(100, Math.floor((bytesRead / totalBytes) * 100)) : null,
    bytes: known
      ? `${formatMegabytes(bytesRead)} of ${formatMegabytes(totalBytes)}`
      : formatMegabytes(bytesRead),
    records: format().number(progress.records),
    samples: format().number(progress.samples),
    speed: perMs === null ? null : `${format().number((perMs * 1000) / MB, 1)} MB/s`,
    timeLeft: left === null ? null : formatTimeLeft(left),
  };
}
