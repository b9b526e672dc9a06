// @hearth/core: pure, deterministic logic shared by the server and the PWA.
// No I/O, no DOM, no Node built-ins, no clock reads: time is always passed in.
export * from './time/index.js';
export * from './rollups/index.js';
export * from './normalize/index.js';
export * from './series/index.js';
export * from './insights/index.js';
export * from './generator/index.js';
export * from './replication/index.js';
