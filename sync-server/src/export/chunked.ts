/**
 * Joins small text pieces into chunks of about `size` characters: a response written one
 * record at a time would cost a write (and a TCP push) per sample.
 */
export async function* chunked(
  pieces: AsyncIterable<string>,
  size = 64 * 1024,
): AsyncGenerator<string> {
  let buffer = '';
  for await (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
