/**
 * The server's own state of documents this device is pushing, seen while the push is on its way.
 *
 * RxDB's downstream skips a pulled document whose local copy holds a write it has not recorded
 * as pushed, expecting a later pull to bring the server's state again. But the server's state of
 * the push itself can arrive (through the stream, or a pull) after the server committed and
 * before RxDB recorded the push's answer; the checkpoint then moves past it and nothing brings it
 * again, so the local copy keeps its "waiting to upload" marker although the server holds it.
 * The replica keeps those documents here and hands them to RxDB again once the push is recorded.
 */
export class PushEchoes<D extends { id: string }> {
  private readonly inFlight = new Map<string, number>();
  private readonly held = new Map<string, D>();

  begin(ids: readonly string[]): void {
    for (const id of ids) this.inFlight.set(id, (this.inFlight.get(id) ?? 0) + 1);
  }

  /** Documents that arrived from the server: those being pushed are kept (the latest wins). */
  arrived(documents: readonly D[]): void {
    if (this.inFlight.size === 0) return;
    for (const doc of documents) if (this.inFlight.has(doc.id)) this.held.set(doc.id, doc);
  }

  /** The push of `ids` is recorded: their kept server states, to deliver again. */
  end(ids: readonly string[]): D[] {
    const released: D[] = [];
    for (const id of ids) {
      const left = (this.inFlight.get(id) ?? 1) - 1;
      if (left > 0) {
        this.inFlight.set(id, left);
        continue;
      }
      this.inFlight.delete(id);
      const doc = this.held.get(id);
      if (doc) released.push(doc);
      this.held.delete(id);
    }
    return released;
  }
}
