// Writes the PWA icons (public/icons/icon-192.png and icon-512.png): an ember-coloured square
// with a light flame, drawn pixel by pixel so no image tool is needed. Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BACKGROUND = [138, 59, 18];
const FLAME = [255, 214, 153];
const CORE = [255, 246, 230];

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A teardrop flame: a circle at the bottom narrowing to a point at the top (unit coordinates). */
function insideFlame(x, y, scale) {
  const cx = 0.5;
  const cy = 0.62;
  const r = 0.2 * scale;
  const dx = x - cx;
  const dy = y - cy;
  if (dx * dx + dy * dy <= r * r) return true;
  const top = cy - 0.36 * scale;
  if (y < top || y > cy) return false;
  const halfWidth = (r * (y - top)) / (cy - top);
  return Math.abs(dx) <= halfWidth;
}

function pixel(x, y) {
  if (insideFlame(x, y, 0.55)) return CORE;
  if (insideFlame(x, y, 1)) return FLAME;
  return BACKGROUND;
}

function png(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let px = 0; px < size; px++) {
      const [r, g, b] = pixel((px + 0.5) / size, (py + 0.5) / size);
      row.set([r, g, b], 1 + px * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), png(size));
}
