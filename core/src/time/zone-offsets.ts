import { LRUCache } from 'lru-cache';
import { MS_PER_DAY, MS_PER_HOUR } from './civil.js';
import { TimeError } from './errors.js';

/**
 * The UTC offset of an IANA zone at any instant, learnt from `Intl.DateTimeFormat` and cached.
 *
 * `Intl` costs microseconds per call, so time is cut into fixed chunks of CHUNK_MS; the first
 * lookup in a chunk probes the offset every PROBE_MS and binary-searches each change down to the
 * second. A user-year then costs about 1,600 `Intl` calls, after which every lookup is arithmetic.
 * Assumption (true of the tz database for modern dates): a zone never changes its offset and
 * changes it back within PROBE_MS; such a pair would go unseen.
 */
const CHUNK_MS = 8 * MS_PER_DAY;
const PROBE_MS = 6 * MS_PER_HOUR;
/**
 * Chunks kept per zone: 46 a year, so 40 years of a person's history stay learnt, while a
 * request spraying dates over the accepted three centuries cannot grow the table without end.
 */
const MAX_CHUNKS = 2048;

interface Chunk {
  start: number;
  end: number;
  /** Starts of the constant-offset runs inside the chunk; the first is `start`. */
  runStarts: number[];
  runOffsets: number[];
  /** Instants in [start, end) where the offset changes (may include `start` itself). */
  transitions: number[];
}

const PART_INDEX = { year: 0, month: 1, day: 2, hour: 3, minute: 4, second: 5 } as const;

function createFormatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new TimeError('invalid-time-zone', `Not an IANA time zone: ${timeZone}`);
  }
}

export class ZoneOffsets {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly chunks = new LRUCache<number, Chunk>({ max: MAX_CHUNKS });
  // The run of the last lookup: samples arrive roughly in time order, so most lookups hit it.
  private runFrom = 0;
  private runUntil = 0;
  private runOffset = 0;

  constructor(readonly timeZone: string) {
    this.formatter = createFormatter(timeZone);
  }

  /** Offset in ms (local wall time minus UTC) in force at `ms`. */
  offsetAt(ms: number): number {
    if (ms >= this.runFrom && ms < this.runUntil) return this.runOffset;
    const chunk = this.chunkAt(ms);
    let i = chunk.runStarts.length - 1;
    while ((chunk.runStarts[i] as number) > ms) i--;
    this.runFrom = chunk.runStarts[i] as number;
    this.runUntil = i + 1 < chunk.runStarts.length ? (chunk.runStarts[i + 1] as number) : chunk.end;
    this.runOffset = chunk.runOffsets[i] as number;
    return this.runOffset;
  }

  /** Whether (from, to] lies inside the last run looked up, so holds no offset change. */
  private insideLastRun(from: number, to: number): boolean {
    return from >= this.runFrom && to < this.runUntil;
  }

  /** The latest instant T with from < T <= to at which the offset changes, or NaN if none. */
  lastTransitionIn(from: number, to: number): number {
    if (this.insideLastRun(from, to)) return NaN;
    for (let k = Math.floor(to / CHUNK_MS); k >= Math.floor(from / CHUNK_MS); k--) {
      const transitions = this.chunkAt(k * CHUNK_MS).transitions;
      for (let i = transitions.length - 1; i >= 0; i--) {
        const t = transitions[i] as number;
        if (t <= to && t > from) return t;
      }
    }
    return NaN;
  }

  /** The earliest instant T with from < T <= to at which the offset changes, or NaN if none. */
  firstTransitionIn(from: number, to: number): number {
    if (this.insideLastRun(from, to)) return NaN;
    for (let k = Math.floor(from / CHUNK_MS); k <= Math.floor(to / CHUNK_MS); k++) {
      for (const t of this.chunkAt(k * CHUNK_MS).transitions) {
        if (t > from && t <= to) return t;
      }
    }
    return NaN;
  }

  private chunkAt(ms: number): Chunk {
    const index = Math.floor(ms / CHUNK_MS);
    let chunk = this.chunks.get(index);
    if (!chunk) {
      chunk = this.buildChunk(index * CHUNK_MS);
      this.chunks.set(index, chunk);
    }
    return chunk;
  }

  private buildChunk(start: number): Chunk {
    const end = start + CHUNK_MS;
    const runStarts = [start];
    const runOffsets = [this.intlOffset(start)];
    const transitions = this.intlOffset(start - 1) === runOffsets[0] ? [] : [start];
    let previousProbe = start;
    for (let probe = start + PROBE_MS; probe <= end; probe += PROBE_MS) {
      const probeOffset = this.intlOffset(probe);
      // Walk every change between the two probes (normally none, at most one).
      let lastOffset = runOffsets[runOffsets.length - 1] as number;
      let from = previousProbe;
      while (probeOffset !== lastOffset) {
        const change = this.findChange(from, probe, lastOffset);
        if (change >= end) break; // a change exactly at `end` belongs to the next chunk
        lastOffset = this.intlOffset(change);
        runStarts.push(change);
        runOffsets.push(lastOffset);
        transitions.push(change);
        from = change;
      }
      previousProbe = probe;
    }
    return { start, end, runStarts, runOffsets, transitions };
  }

  /** First whole second in (from, to] whose offset differs from `offset` (known to exist). */
  private findChange(from: number, to: number, offset: number): number {
    let lo = from;
    let hi = to;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.intlOffset(mid) === offset) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private intlOffset(ms: number): number {
    const fields = [0, 0, 0, 0, 0, 0];
    let bc = false;
    for (const part of this.formatter.formatToParts(ms)) {
      if (part.type === 'era') bc = part.value.startsWith('B');
      else if (part.type in PART_INDEX) {
        fields[PART_INDEX[part.type as keyof typeof PART_INDEX]] = Number(part.value);
      }
    }
    const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = fields;
    const wall = new Date(0);
    wall.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
    wall.setUTCHours(hour, minute, second, 0);
    return wall.getTime() - Math.floor(ms / 1000) * 1000;
  }
}

/**
 * Zones kept learnt. A server's people live in a few dozen zones, but the names are not a closed
 * set: `Intl` takes any letter case ('europe/berlin'), so each spelling would otherwise add a
 * table for good. The least recently used zone is dropped (and relearnt if it comes back).
 */
const MAX_ZONES = 64;
const zones = new LRUCache<string, ZoneOffsets>({ max: MAX_ZONES });

/** The shared offset table of a zone (built on first use); throws `invalid-time-zone`. */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}
