import { FRESHNESS_DOC_ID, type SeriesDoc } from '@hearth/schema';
import { seriesDays } from '../../data/seriesDays.js';
import type { ReplicationTransport } from '../transport.js';
import { ModelServer } from './modelServer.js';

/**
 * ModelServer plus the server's rollup queue and watermark (sync-server/SPEC.md R15): a series
 * push queues the days its points touch with the position it reached, a recompute is a worker
 * pass that drains the queue, and the `freshness` collection
 * serves `min(since) - 1`, or the last position while nothing waits.
 */
export class RollupQueueModel implements ReplicationTransport {
  readonly server = new ModelServer();
  private position = 0;
  private passes = 0;
  private readonly queue = new Map<string, number>();

  constructor(private readonly timeZone: string) {}

  get offline(): boolean {
    return this.server.offline;
  }

  set offline(value: boolean) {
    this.server.offline = value;
  }

  rolledUpTo(): number {
    const since = [...this.queue.values()];
    return since.length === 0 ? this.position : Math.max(0, Math.min(...since) - 1);
  }

  /**
   * A worker pass over every queued day. The real one writes rollups, taking positions; here a
   * pass takes one position of its own, on top of the model's counter.
   */
  recompute(): void {
    if (this.queue.size === 0) return;
    this.queue.clear();
    this.passes += 1;
    this.position += 1;
  }

  pull: ReplicationTransport['pull'] = async (collection, checkpoint, limit) => {
    if (collection !== 'freshness') return this.server.pull(collection, checkpoint, limit);
    await this.server.pull(collection, checkpoint, 0); // offline, it fails like any pull
    const rolledUpTo = this.rolledUpTo();
    if (checkpoint && rolledUpTo <= checkpoint.position) return { documents: [], checkpoint };
    return {
      documents: [{ id: FRESHNESS_DOC_ID, rolledUpTo, _deleted: false }] as never,
      checkpoint: { position: rolledUpTo, id: FRESHNESS_DOC_ID },
    };
  };

  push: ReplicationTransport['push'] = async (collection, rows) => {
    const answer = await this.server.push(collection, rows);
    this.position = (answer.position ?? 0) + this.passes;
    answer.position = this.position;
    if (collection === 'series') {
      const conflicted = new Set(answer.conflicts.map((c) => (c as { id: string }).id));
      for (const { newDocumentState } of rows) {
        const doc = newDocumentState as SeriesDoc;
        if (conflicted.has(doc.id)) continue;
        for (const day of seriesDays(doc, this.timeZone)) {
          if (!this.queue.has(day)) this.queue.set(day, this.position);
        }
      }
    }
    return answer;
  };
}
