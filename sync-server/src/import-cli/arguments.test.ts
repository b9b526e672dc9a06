import { describe, expect, it } from 'vitest';
import { parseArguments, type ImportArguments } from './arguments.js';
import { CliError } from './errors.js';

const env = { HEARTH_PASSWORD: 'correct horse battery' };
const base = ['export.zip', '--server', 'http://localhost:3000', '--email', 'me@example.com'];

function args(argv: string[], e: Parameters<typeof parseArguments>[1] = env): ImportArguments {
  const parsed = parseArguments(argv, e, '/home/me');
  if (parsed.help) throw new Error('help');
  return parsed.args;
}

function refusal(argv: string[], e: Parameters<typeof parseArguments>[1] = env): CliError {
  try {
    parseArguments(argv, e, '/home/me');
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('parseArguments', () => {
  it('reads the file, server, email and the password from HEARTH_PASSWORD, with defaults', () => {
    expect(args(base)).toEqual({
      file: '/home/me/export.zip',
      server: 'http://localhost:3000',
      email: 'me@example.com',
      password: 'correct horse battery',
      concurrency: 4,
      batchSize: 5000,
    });
  });

  it('resolves a relative file against the folder npm run was started in', () => {
    expect(args(base, { ...env, INIT_CWD: '/data' }).file).toBe('/data/export.zip');
    expect(args(['/tmp/e.xml', ...base.slice(1)]).file).toBe('/tmp/e.xml');
  });

  it('keeps a base path and drops a trailing slash from the server', () => {
    expect(args([...base, '--server', 'https://h.example.org/hearth/']).server).toBe(
      'https://h.example.org/hearth',
    );
  });

  it('takes --concurrency and --batch-size within bounds, refuses them outside', () => {
    expect(args([...base, '--concurrency', '2', '--batch-size=100'])).toMatchObject({
      concurrency: 2,
      batchSize: 100,
    });
    expect(refusal([...base, '--batch-size', '5001']).message).toMatch(/--batch-size must be/);
    expect(refusal([...base, '--concurrency', '0']).message).toMatch(/--concurrency must be/);
    expect(refusal([...base, '--concurrency', '1.5']).code).toBe('bad-arguments');
  });

  it.each([['--password', 'x'], ['--password=x'], ['-p', 'x']])(
    'refuses a password on the command line (%s)',
    (...extra) => {
      const err = refusal([...base, ...extra]);
      expect(err.code).toBe('bad-arguments');
      expect(err.message).toMatch(/HEARTH_PASSWORD/);
    },
  );

  it('says what is missing or wrong', () => {
    expect(refusal(base, {}).message).toMatch(/Set HEARTH_PASSWORD/);
    expect(refusal(base.slice(1)).message).toMatch(/Name the export file/);
    expect(refusal(['a.zip', ...base]).message).toMatch(/one file at a time/);
    expect(refusal(['a.zip', '--email', 'me@example.com']).message).toMatch(/--server is required/);
    expect(refusal(['a.zip', '--server', 'http://h']).message).toMatch(/--email is required/);
    expect(refusal([...base, '--server', 'localhost:3000']).message).toMatch(/http or https/);
    expect(refusal([...base, '--server', 'not a url']).message).toMatch(/must be a URL/);
    expect(refusal([...base, '--verbose']).message).toMatch(/Unknown option/);
    expect(refusal(base, {}).exitCode).toBe(2);
  });

  it('answers --help without asking for anything else', () => {
    expect(parseArguments(['--help'], {}, '/')).toEqual({ help: true });
  });
});
