// The client's weight as a browser downloads it (SPECIFICATION.md §9): for each page (the app,
// the share viewer), the gzip and brotli bytes of everything its first load fetches (the HTML,
// its scripts and their static imports, its styles), then every chunk on its own.
// Run after `npm run build`: node client/scripts/bundle-report.mjs
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url).pathname;
if (!existsSync(join(DIST, 'index.html'))) {
  throw new Error('client/dist is missing: run `npm run build` first');
}

const read = (file) => readFileSync(join(DIST, file));
const kb = (bytes) => (bytes / 1024).toFixed(1);
function sizes(file) {
  const bytes = read(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes).length,
  };
}

/** A script's static imports (`import … from"./x.js"`, `import"./x.js"`), not its dynamic `import()`. */
function staticImports(file) {
  const text = read(file).toString('utf8');
  const found = new Set();
  for (const match of text.matchAll(
    /(?:^|[;}\s])import\s*(?:[^"'();]*?from\s*)?["'](\.\/[^"']+)["']/g,
  )) {
    found.add(join('assets', match[1]));
  }
  return found;
}

function firstLoad(page) {
  const html = read(page).toString('utf8');
  const files = new Set([page]);
  const pending = [];
  for (const match of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g))
    pending.push(match[1]);
  while (pending.length > 0) {
    const file = pending.pop();
    if (files.has(file)) continue;
    files.add(file);
    if (file.endsWith('.js')) pending.push(...staticImports(file));
  }
  return [...files];
}

const rows = [];
for (const page of ['index.html', 'viewer.html']) {
  const files = firstLoad(page);
  const total = files
    .map(sizes)
    .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
  rows.push(
    `| ${page} first load (${files.length} files) | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} |`,
  );
}
const chunks = readdirSync(join(DIST, 'assets'))
  .filter((name) => /\.(js|css)$/.test(name))
  .map((name) => ({ name, ...sizes(join('assets', name)) }))
  .sort((a, b) => b.gzip - a.gzip);
for (const chunk of chunks)
  rows.push(`| ${chunk.name} | ${kb(chunk.raw)} | ${kb(chunk.gzip)} | ${kb(chunk.brotli)} |`);

console.log('| what | KB | KB gzip | KB brotli |\n|---|---:|---:|---:|');
console.log(rows.join('\n'));
