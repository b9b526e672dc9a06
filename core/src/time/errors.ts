export type TimeErrorCode = 'invalid-time-zone' | 'invalid-local-date' | 'unresolvable-local-time';

/** A bad input to a time function, with a stable code callers can map (e.g. to a 400). */
export class TimeError extends Error {
  readonly code: TimeErrorCode;

  constructor(code: TimeErrorCode, message: string) {
    super(message);
    this.name = 'TimeError';
    this.code = code;
  }
}
