/** The bytes of JSON's structure that the nesting scan (nesting.ts) looks at. */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;

/**
 * The index of the quote closing the string whose opening quote is at `open`, or -1 if there is
 * none before `stop`. The next quote is found with `indexOf` (native: a long plain string costs a
 * small fraction of a loop over its bytes); only when a backslash stands right before it are the
 * string's bytes walked one by one, each escape skipping the byte after it. Either way each byte
 * is looked at a bounded number of times: linear.
 */
export function closingQuote(buf: Buffer, open: number, stop: number): number {
  const quote = buf.indexOf(QUOTE, open + 1);
  if (quote < 0 || quote >= stop) return -1;
  if (buf[quote - 1] !== BACKSLASH) return quote;
  for (let i = open + 1; i < stop; i++) {
    const byte = buf[i];
    if (byte === BACKSLASH) i++;
    else if (byte === QUOTE) return i;
  }
  return -1;
}
