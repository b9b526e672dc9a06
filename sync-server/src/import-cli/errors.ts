/**
 * Why an import stopped or failed, as a stable code; the exit status follows from it (one table,
 * here), so scripts can tell a typo from a server that is down without parsing messages.
 */
export const EXIT_CODES = {
  'bad-arguments': 2,
  'file-missing': 3,
  'not-an-export': 4,
  'sign-in-refused': 5,
  'server-unreachable': 6,
  'server-error': 7,
  'samples-refused': 8,
  'samples-not-acknowledged': 9,
  /** A fault of this program itself. */
  internal: 1,
} as const;
export type CliErrorCode = keyof typeof EXIT_CODES;

export class CliError extends Error {
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.code = code;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}
