import { stat } from 'node:fs/promises';
import type { HealthExportReader } from '@hearth/core/import';
import { HearthApi } from './api-client.js';
import { parseArguments, USAGE, type ArgumentEnv } from './arguments.js';
import { CliError } from './errors.js';
import { importFile } from './import-file.js';
import { ProgressDisplay, type ProgressOutput } from './progress.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';

export interface CliIo {
  argv: readonly string[];
  env: ArgumentEnv;
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: ProgressOutput;
  createReader: (totalBytes: number) => HealthExportReader;
  fetch?: typeof fetch;
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** A request that takes longer than this is abandoned (and retried): a stuck proxy, a dead peer. */
const REQUEST_TIMEOUT_MS = 120_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError('file-missing', `${file} is not a file`);
    return info.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError('file-missing', `No such file: ${file}`, { cause: err });
  }
}

/**
 * `npm run import -- <export.zip|export.xml> --server <url> --email <email>`: the whole command,
 * its environment passed in. Returns the exit status: 0 only when every kept sample was
 * acknowledged. stdout gets exactly one line of JSON (the summary) once reading has begun;
 * everything for people goes to stderr.
 */
export async function runCli(io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  try {
    const parsed = parseArguments(io.argv, io.env, io.cwd);
    if (parsed.help) {
      say(USAGE);
      return 0;
    }
    const { args } = parsed;
    const totalBytes = await fileSize(args.file);
    const progress = new ProgressDisplay(io.stderr);
    const api = new HearthApi(args.server, {
      fetch: io.fetch ?? fetch,
      sleep: io.sleep ?? defaultSleep,
      random: Math.random,
      now: Date.now,
      policy: io.retryPolicy ?? DEFAULT_RETRY_POLICY,
      timeoutMs: REQUEST_TIMEOUT_MS,
      onRetry: (what, why, waitMs) => {
        progress.interrupt();
        say(`${what}: ${why}; trying again in ${(waitMs / 1000).toFixed(1)} s`);
      },
    });
    const me = await api.signIn(args.email, args.password);
    say(`Signed in to ${args.server} as ${me.email}; importing ${args.file}`);
    const { result, failure } = await importFile(
      {
        file: args.file,
        totalBytes,
        batchSize: args.batchSize,
        concurrency: args.concurrency,
      },
      {
        api,
        createReader: () => io.createReader(totalBytes),
        progress,
        now: () => performance.now(),
      },
    );
    io.stdout.write(`${JSON.stringify(result)}\n`);
    if (failure) throw failure;
    say(
      `Done: ${result.acknowledged.toLocaleString('en')} samples acknowledged from ${result.records.toLocaleString('en')} records, on ${result.devices.length} device${result.devices.length === 1 ? '' : 's'}`,
    );
    return 0;
  } catch (err) {
    const error =
      err instanceof CliError
        ? err
        : new CliError('internal', err instanceof Error ? (err.stack ?? err.message) : String(err));
    say(`hearth import: ${error.message}`);
    return error.exitCode;
  }
}
