import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processCpuMs } from './lib-cpu.js';
import { peakRssBytes } from './import-watch.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The command as `npm run import` runs it: the built JavaScript, no TypeScript loader. */
const BUILT_MAIN = 'dist/import-cli/main.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  /** From the start of the process to its exit. */
  elapsedMs: number;
  peakRssBytes: number;
  cpuMs: number;
}

/**
 * Runs the import command in its own process, as a person would (`npm run import` runs the built
 * package: `npm run build` first), with its progress lines going to `stderrFile`. Why not through
 * tsx like the other benchmarks: the loader alone costs the process about 100 MB and a few per
 * cent of CPU that the command people run does not have. `VmHWM` is read every 50 ms while it runs (the kernel keeps the peak, so a
 * late read loses nothing but the last 50 ms before exit).
 */
export function runImportCli(options: {
  args: string[];
  password: string;
  stderrFile: string;
  /** Extra node flags, e.g. `--cpu-prof` to profile the command. */
  nodeArgs?: string[];
}): Promise<CliRun> {
  if (!existsSync(`${PACKAGE_DIR}/${BUILT_MAIN}`)) {
    throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first`);
  }
  const errFd = openSync(options.stderrFile, 'w');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), BUILT_MAIN, ...options.args],
    {
      cwd: PACKAGE_DIR,
      stdio: ['ignore', 'pipe', errFd],
      env: { PATH: process.env['PATH'] ?? '', HEARTH_PASSWORD: options.password },
    },
  );
  closeSync(errFd);
  const pid = child.pid ?? 0;
  let peak = 0;
  let cpu = 0;
  const sample = () => {
    peak = Math.max(peak, peakRssBytes(pid));
    cpu = Math.max(cpu, processCpuMs(pid));
  };
  const timer = setInterval(sample, 50);
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({
        code,
        stdout,
        elapsedMs: performance.now() - started,
        peakRssBytes: peak,
        cpuMs: cpu,
      });
    });
  });
}
