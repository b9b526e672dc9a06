import { parseArgs } from 'node:util';
import { isAbsolute, resolve } from 'node:path';
import { MAX_SAMPLES_PER_SYNC } from '@hearth/schema';
import { CliError } from './errors.js';

export const USAGE = `Usage: npm run import -- <export.zip|export.xml> --server <url> --email <email>
  The password is read from the HEARTH_PASSWORD environment variable.
Options:
  --server <url>         the Hearth server, e.g. http://localhost:3000
  --email <email>        the account to import into
  --concurrency <n>      batches in flight at once (1-16, default 4)
  --batch-size <n>       samples per request (1-${MAX_SAMPLES_PER_SYNC}, default ${MAX_SAMPLES_PER_SYNC})
  --help                 this text`;

export interface ImportArguments {
  /** Absolute path of the export. */
  file: string;
  /** The server's origin (and base path, if any), without a trailing slash. */
  server: string;
  email: string;
  password: string;
  concurrency: number;
  batchSize: number;
}

export interface ArgumentEnv {
  HEARTH_PASSWORD?: string | undefined;
  /** Where `npm run` was started: npm runs scripts in the package folder, not there. */
  INIT_CWD?: string | undefined;
}

export type ParsedArguments = { help: true } | { help: false; args: ImportArguments };

const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 16;

function bad(message: string): CliError {
  return new CliError('bad-arguments', `${message}\n\n${USAGE}`);
}

function integerIn(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
  fallback: number,
) {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw bad(
      `--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(text)})`,
    );
  }
  return n;
}

function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad(`--server must be a URL such as http://localhost:3000 (got ${JSON.stringify(text)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw bad(`--server must be an http or https URL (got ${JSON.stringify(text)})`);
  }
  if (url.search || url.hash) throw bad('--server takes no query string or fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Reads the command line. A password given on it is refused, whatever its spelling: it would
 * stay in the shell history and be visible to every user of the machine in `ps`.
 */
export function parseArguments(
  argv: readonly string[],
  env: ArgumentEnv,
  cwd: string,
): ParsedArguments {
  if (argv.some((a) => a === '--password' || a.startsWith('--password=') || a === '-p')) {
    throw bad('Do not put the password on the command line: set HEARTH_PASSWORD instead');
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        server: { type: 'string' },
        email: { type: 'string' },
        concurrency: { type: 'string' },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length !== 1) {
    throw bad(
      positionals.length === 0 ? 'Name the export file to import' : 'Import one file at a time',
    );
  }
  if (!values.server) throw bad('--server is required');
  if (!values.email) throw bad('--email is required');
  const password = env.HEARTH_PASSWORD;
  if (!password) throw bad('Set HEARTH_PASSWORD to the account’s password');
  const file = positionals[0] ?? '';
  const base = env.INIT_CWD || cwd;
  return {
    help: false,
    args: {
      file: isAbsolute(file) ? file : resolve(base, file),
      server: serverUrl(values.server),
      email: values.email,
      password,
      concurrency: integerIn(
        'concurrency',
        values.concurrency,
        1,
        MAX_CONCURRENCY,
        DEFAULT_CONCURRENCY,
      ),
      batchSize: integerIn(
        'batch-size',
        values['batch-size'],
        1,
        MAX_SAMPLES_PER_SYNC,
        MAX_SAMPLES_PER_SYNC,
      ),
    },
  };
}
