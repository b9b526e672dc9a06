/**
 * `npm run bench -w e2e` (part of `npm run bench:client`): the PWA's built import worker
 * (client/dist, `npm run build` first) reading a synthetic export.xml and export.zip of
 * BENCH_WORKER_MB MB of XML (default 50) in Debian's Chromium, reading only: every batch is
 * acknowledged at once, nothing is written. Baseline in the same run: the page reading the same
 * Blob's bytes through a stream with no parsing. Reports MB/s of export.xml, the worker's peak
 * JS heap (CDP `Runtime.getHeapUsage` on the worker's target, worker-heap.ts) and the page's
 * (`Performance.getMetrics`), both sampled every 100 ms.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appleHealthExportXml, appleHealthExportZip } from '@hearth/core/import';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/env.js';
import { WorkerHeapSampler } from './worker-heap.js';

const WORKER_NAME = 'hearth-import';

const MEGABYTES = Number(process.env.BENCH_WORKER_MB ?? 50);
/** About 600 kB of export.xml a day (the synthetic writer's density). */
const DAYS = Math.max(1, Math.round((MEGABYTES * 1e6) / 600_000));
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

async function writeFile(file: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  if (fs.existsSync(file)) return;
  const out = fs.createWriteStream(`${file}.partial`);
  for (const chunk of chunks) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise((resolve) => out.end(resolve));
  fs.renameSync(`${file}.partial`, file);
}

function workerScript(): string {
  const assets = fs.readdirSync(path.join(DIST, 'assets'));
  const name = assets.find((f) => /^importWorker-.*\.js$/.test(f));
  if (!name) throw new Error(`no import worker in ${DIST}/assets: run npm run build first`);
  return `/assets/${name}`;
}

/** Serves the built assets and the export files; the page is an empty one at the same origin. */
function serve(files: Record<string, string>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const file = files[url] ?? (url.startsWith('/assets/') ? path.join(DIST, url) : null);
    if (!file || !fs.existsSync(file)) {
      res.writeHead(url === '/' ? 200 : 404, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>import worker bench</title>');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface PageRun {
  ms: number;
  samples: number;
  bytes: number;
}

/** One read in the page: `worker` through the real worker, or `bytes` for the bare stream. */
async function readInPage(page: Page, mode: 'worker' | 'bytes', url: string, script: string) {
  return page.evaluate(
    async ({ mode, url, script, name }): Promise<PageRun> => {
      const file = await (await fetch(url)).blob();
      const started = performance.now();
      if (mode === 'bytes') {
        const reader = file.stream().getReader();
        let bytes = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.length;
        }
        return { ms: performance.now() - started, samples: 0, bytes };
      }
      const worker = new Worker(script, { name });
      const samples = await new Promise<number>((resolve, reject) => {
        let kept = 0;
        worker.onmessage = (event: MessageEvent) => {
          const message = event.data as { type: string; samples?: unknown[]; message?: string };
          if (message.type === 'batch') {
            kept += message.samples?.length ?? 0;
            worker.postMessage({ type: 'written' });
          } else if (message.type === 'done') resolve(kept);
          else if (message.type === 'failed') reject(new Error(message.message));
        };
        worker.postMessage({ type: 'start', file });
      });
      worker.terminate();
      return { ms: performance.now() - started, samples, bytes: file.size };
    },
    { mode, url, script, name: WORKER_NAME },
  );
}

const dir = path.join(os.tmpdir(), 'hearth-worker-bench');
fs.mkdirSync(dir, { recursive: true });
const options = { seed: 'hearth-worker-bench', endDate: '2026-06-30', days: DAYS };
const xml = path.join(dir, `export-${DAYS}d.xml`);
const zip = path.join(dir, `export-${DAYS}d.zip`);
await writeFile(xml, appleHealthExportXml(options));
await writeFile(zip, appleHealthExportZip(options));
const xmlBytes = fs.statSync(xml).size;

const server = await serve({ '/export.xml': xml, '/export.zip': zip });
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const lines = [
  `## Import worker in Chromium: ${(xmlBytes / 1e6).toFixed(0)} MB export.xml (${DAYS} days)`,
  '',
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os.loadavg()[0]?.toFixed(1)} at the start.`,
  '',
  '| input | read | wall | export.xml rate | samples | worker peak JS heap | page peak JS heap |',
  '|---|---|---|---|---|---|---|',
];
try {
  const script = workerScript();
  for (const [input, url] of [
    ['export.xml', '/export.xml'],
    ['export.zip', '/export.zip'],
  ] as const) {
    for (const mode of ['bytes', 'worker'] as const) {
      const page = await browser.newPage();
      await page.goto(origin);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      let peakHeap = 0;
      const sampler = setInterval(() => {
        cdp
          .send('Performance.getMetrics')
          .then(({ metrics }) => {
            const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
            peakHeap = Math.max(peakHeap, used);
          })
          .catch(() => {});
      }, 100);
      const workerHeap = await WorkerHeapSampler.start(browser, WORKER_NAME);
      const run = await readInPage(page, mode, url, script);
      clearInterval(sampler);
      const workerPeak = await workerHeap.stop();
      await page.close();
      const rate = xmlBytes / 1e6 / (run.ms / 1000);
      lines.push(
        `| ${input} | ${mode === 'bytes' ? 'bare stream (baseline)' : 'import worker'} | ${(run.ms / 1000).toFixed(1)} s | ${rate.toFixed(1)} MB/s | ${run.samples.toLocaleString('en-US')} | ${mode === 'bytes' ? 'no worker' : `${(workerPeak / 1e6).toFixed(0)} MB`} | ${(peakHeap / 1e6).toFixed(0)} MB |`,
      );
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(lines.join('\n'));
