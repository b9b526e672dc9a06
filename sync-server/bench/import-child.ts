import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processCpuMs } from './lib-cpu.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Peak resident set size of a live process in bytes (`VmHWM`), or 0 once it has exited. */
export function peakRssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  /** From the start of the process to its exit. */
  elapsedMs: number;
  peakRssBytes: number;
  cpuMs: number;
}

/**
 * Runs the import command in its own process, as a person would, with its progress lines going
 * to `stderrFile`. `VmHWM` is read every 50 ms while it runs (the kernel keeps the peak, so a
 * late read loses nothing but the last 50 ms before exit).
 */
export function runImportCli(options: {
  args: string[];
  password: string;
  stderrFile: string;
  /** Extra node flags, e.g. `--cpu-prof` to profile the command. */
  nodeArgs?: string[];
}): Promise<CliRun> {
  const errFd = openSync(options.stderrFile, 'w');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--conditions=@hearth/source',
      '--import',
      'tsx',
      'src/import-cli/main.ts',
      ...options.args,
    ],
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
