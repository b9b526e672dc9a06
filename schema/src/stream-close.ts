/**
 * WebSocket close codes of the replication stream (sync-server/SPEC.md R13): the server closes
 * with them, the client decides from them how to reconnect. 1001 and 1011 are the WebSocket
 * standard's own; 4000–4999 are for applications, and Hearth's mirror the HTTP status of the
 * same situation (401, 408, 429).
 */
export const STREAM_CLOSE_CODES = {
  /** The server is shutting down; reconnect with backoff (another instance may answer). */
  goingAway: 1001,
  /** The server failed reading changes; reconnect with backoff. */
  serverError: 1011,
  /** The session ended (logout, expiry) or the account was erased. */
  sessionEnded: 4401,
  /** The client did not read fast enough; it catches up by pulling after reconnecting. */
  tooSlow: 4408,
  /**
   * Too many streams: a newer stream of the same session or user took this one's place. The
   * client does not reconnect by itself soon, or its tabs would keep replacing each other.
   */
  replaced: 4429,
} as const;

export type StreamCloseCode = (typeof STREAM_CLOSE_CODES)[keyof typeof STREAM_CLOSE_CODES];
