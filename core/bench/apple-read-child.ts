/**
 * One timed read of an export file, in its own process so its peak memory is its own:
 * `reader` (createAppleHealthReader), or the baselines through the same chunk loop: `tokenizer`
 * (UTF-8 decoding and htmlparser2's tokenizer with no handlers) and `bytes` (the read alone).
 * Prints one JSON line.
 */
import fs from 'node:fs';
import { DecodeUTF8, Unzip, UnzipInflate } from 'fflate';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { createAppleHealthReader } from '../src/import/index.js';

const [mode = 'reader', file = ''] = process.argv.slice(2);
const CHUNK = 1 << 16;
/** rss is sampled every 16 MB read: often enough for a flat profile, too rarely to cost. */
const SAMPLE_EVERY = 256;

const noop = () => {};
const callbacks: TokenizerCallbacks = {
  onattribdata: noop,
  onattribentity: noop,
  onattribend: noop,
  onattribname: noop,
  oncdata: noop,
  onclosetag: noop,
  oncomment: noop,
  ondeclaration: noop,
  onend: noop,
  onopentagend: noop,
  onopentagname: noop,
  onprocessinginstruction: noop,
  onselfclosingtag: noop,
  ontext: noop,
  ontextentity: noop,
};

function consumer(): { push(bytes: Uint8Array): number; end(): number } {
  if (mode === 'reader') {
    const reader = createAppleHealthReader();
    return { push: (b) => reader.push(b).length, end: () => reader.end().length };
  }
  if (mode === 'tokenizer') {
    const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, callbacks);
    const decoder = new DecodeUTF8((text) => tokenizer.write(text));
    const xml = { push: (b: Uint8Array) => (decoder.push(b), 0), end: () => (tokenizer.end(), 0) };
    if (!file.endsWith('.zip')) return xml;
    // For a zip: fflate's own streaming Unzip, inflating every entry into the tokenizer.
    const unzip = new Unzip((entry) => {
      entry.ondata = (error, data) => {
        if (error) throw error;
        if (entry.name.endsWith('/export.xml')) xml.push(data);
      };
      entry.start();
    });
    unzip.register(UnzipInflate);
    return {
      push: (b) => (unzip.push(b), 0),
      end: () => (unzip.push(new Uint8Array(0), true), xml.end()),
    };
  }
  return { push: () => 0, end: () => 0 };
}

function peakFromProc(): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

const sink = consumer();
const fd = fs.openSync(file, 'r');
let bytes = 0;
let samples = 0;
let peakRss = process.memoryUsage().rss;
let chunks = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (;;) {
  // A fresh buffer per chunk, as a file stream gives.
  const buffer = new Uint8Array(CHUNK);
  const read = fs.readSync(fd, buffer, 0, CHUNK, null);
  if (read === 0) break;
  bytes += read;
  samples += sink.push(read === CHUNK ? buffer : buffer.subarray(0, read));
  if (++chunks % SAMPLE_EVERY === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
samples += sink.end();
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
console.log(
  JSON.stringify({
    mode,
    bytes,
    samples,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRss,
    vmHwm: peakFromProc(),
  }),
);
