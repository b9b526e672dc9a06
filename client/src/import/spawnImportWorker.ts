import type { WorkerPort } from './importRun.js';

/** Starts the reading worker (Vite bundles `importWorker.ts` and its imports as their own chunk). */
export function spawnImportWorker(): WorkerPort {
  return new Worker(new URL('./importWorker.ts', import.meta.url), {
    type: 'module',
    name: 'hearth-import',
  });
}
