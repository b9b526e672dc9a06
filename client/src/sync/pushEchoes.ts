import type { ReplicationCheckpoint } from '@hearth/schema';

/** A pull's starting point: undefined is the beginning. */
type From = ReplicationCheckpoint | undefined;

const isBefore = (a: From, b: From): boolean =>
  a === undefined ||
  (b !== undefined && (a.position < b.position || (a.position === b.position && a.id < b.id)));

type Upload = { ids: ReadonlySet<string>; deliveredBefore: From; overtaken: boolean };

/**
 * Keeps the server's state of this device's own upload from being lost between RxDB's push and
 * pull, per collection.
 *
 * RxDB's downstream skips a server state of a document with a local write it has not recorded
 * as pushed: the upstream is to push it and meet that state as a conflict. But a pull page or
 * stream message that arrives while the push is on the wire, or after its answer and before
 * RxDB records it, can already hold the server's state of that very push. The push was clean, so
 * no conflict brings that state back, the checkpoint has moved past it, and the document keeps
 * its "waiting to upload" marker (`updatedAt` '') for good, although the server holds it. RxDB
 * holds stream events back while a push runs, but not a pull already under way (a "Sync now", a
 * reconnect's RESYNC, the app starting), nor anything during the upstream's RESYNC pass.
 *
 * So: while an upload of some ids runs, a delivery holding one of them marks the upload as
 * overtaken; once RxDB has recorded the upload, the next pull starts again from the last
 * checkpoint delivered before the upload began. Every position of the upload's writes was handed
 * out after that (positions only grow, sync-server/SPEC.md R14), so that pull brings the
 * server's state again, now with the push recorded, and RxDB stores it. Without an overtaken
 * upload nothing is pulled twice.
 */
export class PushEchoes {
  private readonly uploads = new Set<Upload>();
  /** The latest checkpoint handed to RxDB (a pull's start or result, a stream message). */
  private latest: From = undefined;
  private rewind: { to: From } | null = null;

  /** An upload of `ids` begins; call the returned function once RxDB has recorded its answer. */
  uploadStarted(ids: Iterable<string>): () => boolean {
    const upload: Upload = { ids: new Set(ids), deliveredBefore: this.latest, overtaken: false };
    this.uploads.add(upload);
    return () => this.uploadRecorded(upload);
  }

  /**
   * Where the pull RxDB asks for, from `checkpoint`, should start. A rewind stays pending until a
   * pull from it succeeds (`pulled`): a pull that fails (the network, a server restart) must not
   * use it up, or the state it was to bring back would never come.
   */
  pullFrom(checkpoint: From): From {
    const rewind = this.rewind;
    return rewind && isBefore(rewind.to, checkpoint) ? rewind.to : checkpoint;
  }

  /** A pull from `from` succeeded with `documents` up to `checkpoint`. */
  pulled(from: From, documents: readonly { id: string }[], checkpoint: From): void {
    // A pull from at or before the rewind's point has brought back what the rewind was for.
    const coversRewind = (to: From) => from === undefined || !isBefore(to, from);
    if (this.rewind && coversRewind(this.rewind.to)) this.rewind = null;
    this.deliver(from);
    this.delivered(documents, checkpoint);
  }

  /** Documents handed to RxDB: a pull's page or a stream message, up to `checkpoint`. */
  delivered(documents: readonly { id: string }[], checkpoint: From): void {
    for (const upload of this.uploads) {
      if (!upload.overtaken && documents.some((doc) => upload.ids.has(doc.id))) {
        upload.overtaken = true;
      }
    }
    this.deliver(checkpoint);
  }

  private deliver(checkpoint: From): void {
    if (checkpoint !== undefined && isBefore(this.latest, checkpoint)) {
      this.latest = checkpoint;
    }
  }

  /** Whether a pull must now go back (then the next `pullFrom` does). */
  private uploadRecorded(upload: Upload): boolean {
    this.uploads.delete(upload);
    if (!upload.overtaken) return false;
    const to = upload.deliveredBefore;
    if (!this.rewind || isBefore(to, this.rewind.to)) this.rewind = { to };
    return true;
  }
}
