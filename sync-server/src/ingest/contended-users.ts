/**
 * Users whose ingest recently lost the race to another writer of theirs (another device syncing
 * at the same moment, the rollup worker). For them the lock-free first attempt mostly fails and
 * wastes a round trip, so for a while their ingests take the user's lock before writing.
 * In memory and per process: it only chooses a strategy, never decides correctness.
 */
export class ContendedUsers {
  readonly #until = new Map<string, number>();

  constructor(
    private readonly holdMs = 5_000,
    private readonly maxUsers = 10_000,
  ) {}

  mark(userId: string, now: number): void {
    this.#until.delete(userId);
    if (this.#until.size >= this.maxUsers) {
      // Maps iterate in insertion order: forget the user marked longest ago.
      const oldest = this.#until.keys().next();
      if (!oldest.done) this.#until.delete(oldest.value);
    }
    this.#until.set(userId, now + this.holdMs);
  }

  has(userId: string, now: number): boolean {
    const until = this.#until.get(userId);
    if (until === undefined) return false;
    if (until > now) return true;
    this.#until.delete(userId);
    return false;
  }
}
