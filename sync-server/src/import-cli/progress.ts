/** Where an import stands, as the progress display shows it. */
export interface ProgressSnapshot {
  bytesRead: number;
  /** The file's size. */
  totalBytes: number;
  /** `Record` elements read. */
  records: number;
  /** Samples the reader kept. */
  kept: number;
  /** Samples the server acknowledged. */
  acknowledged: number;
  elapsedMs: number;
}

const MB = 1_000_000;

function percent(s: ProgressSnapshot): number {
  if (s.totalBytes <= 0) return 100;
  return Math.min(100, (s.bytesRead / s.totalBytes) * 100);
}

function mbPerSecond(s: ProgressSnapshot): number {
  return s.elapsedMs > 0 ? s.bytesRead / MB / (s.elapsedMs / 1000) : 0;
}

/** Seconds left at the speed so far, or null before there is a speed to go by. */
export function secondsLeft(s: ProgressSnapshot): number | null {
  if (s.bytesRead <= 0 || s.elapsedMs <= 0) return null;
  const rest = Math.max(0, s.totalBytes - s.bytesRead);
  return (rest / s.bytesRead) * (s.elapsedMs / 1000);
}

/** `42 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** `987`, `12.3k`, `4.56M`: counts that fit a terminal line. */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 2 : 1)}k`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 2 : 1)}M`;
}

function figures(s: ProgressSnapshot, short: boolean): string[] {
  const left = secondsLeft(s);
  const count = short ? formatCount : (n: number) => n.toLocaleString('en');
  return [
    `${count(s.records)} records`,
    `${count(s.kept)} kept / ${count(s.acknowledged)} sent`,
    `${mbPerSecond(s).toFixed(1)} MB/s`,
    left === null ? 'time left unknown' : `${formatDuration(left)} left`,
  ];
}

/** One terminal line, `width` characters at most: a bar, the percentage, then the figures. */
export function formatProgressBar(s: ProgressSnapshot, width: number): string {
  const pct = percent(s);
  const text = ` ${pct.toFixed(1).padStart(5)} %  ${figures(s, true).join('  ')}`;
  const barWidth = Math.max(0, Math.min(30, width - text.length - 2));
  const line =
    barWidth >= 5
      ? `[${'#'.repeat(Math.round((pct / 100) * barWidth)).padEnd(barWidth, '.')}]${text}`
      : text.trimStart();
  return line.slice(0, Math.max(0, width));
}

/** A plain log line, for a stderr that is a file or a pipe (no escape codes). */
export function formatProgressLine(s: ProgressSnapshot): string {
  const read = `${(s.bytesRead / MB).toFixed(1)} of ${(s.totalBytes / MB).toFixed(1)} MB`;
  return `import: ${percent(s).toFixed(1)} % (${read}), ${figures(s, false).join(', ')}`;
}

export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * Shows progress on stderr: on a terminal one line redrawn in place (carriage return, then
 * erase to the end of the line) at most every `ttyEveryMs`; otherwise a plain line every
 * `plainEveryMs`, so a log file gets a readable history and no escape codes.
 */
export class ProgressDisplay {
  readonly #out: ProgressOutput;
  readonly #everyMs: number;
  #lastAt = -Infinity;
  #drawn = false;

  constructor(out: ProgressOutput, options: { ttyEveryMs?: number; plainEveryMs?: number } = {}) {
    this.#out = out;
    this.#everyMs = out.isTTY ? (options.ttyEveryMs ?? 100) : (options.plainEveryMs ?? 5000);
  }

  update(s: ProgressSnapshot): void {
    if (s.elapsedMs - this.#lastAt < this.#everyMs) return;
    this.#lastAt = s.elapsedMs;
    this.#draw(s);
  }

  /** The last figures, and a line break after a redrawn bar so what follows starts clean. */
  finish(s: ProgressSnapshot): void {
    this.#draw(s);
    if (this.#out.isTTY && this.#drawn) this.#out.write('\n');
  }

  /** Before any other message on the same stream: ends the bar's line. */
  interrupt(): void {
    if (this.#out.isTTY && this.#drawn) this.#out.write('\n');
    this.#drawn = false;
  }

  #draw(s: ProgressSnapshot): void {
    if (this.#out.isTTY) {
      this.#out.write(`\r${formatProgressBar(s, (this.#out.columns ?? 80) - 1)}\x1b[K`);
      this.#drawn = true;
    } else {
      this.#out.write(`${formatProgressLine(s)}\n`);
    }
  }
}
