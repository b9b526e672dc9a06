import { createAppleHealthReader } from '@hearth/core/import';
import { runCli } from './cli.js';

/**
 * `npm run import -- <export.zip|export.xml> --server <url> --email <email>` (HEARTH_PASSWORD).
 * The only place that reads the process's arguments and environment.
 */
const code = await runCli({
  argv: process.argv.slice(2),
  env: { HEARTH_PASSWORD: process.env['HEARTH_PASSWORD'], INIT_CWD: process.env['INIT_CWD'] },
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  createReader: (totalBytes) => createAppleHealthReader({ totalBytes, now: Date.now() }),
});
// Exit once stdout is written out (a pipe is asynchronous), without waiting for idle keep-alive
// connections to time out.
process.stdout.write('', () => process.exit(code));
