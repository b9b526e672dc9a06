import type { ImportProgress, ImportSummary } from '@hearth/core/import';
import { BehaviorSubject } from 'rxjs';
import type { Replica } from '../sync/replica.js';
import { runImport, type ImportRun, type ImportWritten, type WorkerPort } from './importRun.js';

/** Which local database (account) and file an import is about. */
type Of = { database: string; fileName: string; written: ImportWritten };

export type ImportState =
  | { status: 'idle' }
  | (Of & { status: 'reading'; startedAt: number; progress: ImportProgress | null })
  | (Of & { status: 'done'; summary: ImportSummary })
  | (Of & { status: 'cancelled'; progress: ImportProgress | null })
  | (Of & { status: 'failed'; message: string; code?: string });

/**
 * The import outlives the page that started it (a person may look at the dashboard while a big
 * export is read), so its state lives here, for the page's lifetime, like the demo load's.
 */
export const importState$ = new BehaviorSubject<ImportState>({ status: 'idle' });
let current: ImportRun | null = null;

const NOTHING_WRITTEN: ImportWritten = { added: 0, replaced: 0, devicesCreated: 0 };

function newDeviceId(): string {
  return `import-${crypto.randomUUID()}`;
}

/** Starts reading `file` into the replica; one import at a time. */
export function startImport(
  replica: Replica,
  file: File,
  timeZone: string,
  spawnWorker: () => WorkerPort,
): void {
  if (importState$.value.status === 'reading') return;
  const of = { database: replica.db.name, fileName: file.name };
  const startedAt = Date.now();
  importState$.next({
    ...of,
    status: 'reading',
    startedAt,
    progress: null,
    written: NOTHING_WRITTEN,
  });
  const run = runImport({
    db: replica.db,
    localChanges: replica.localChanges,
    timeZone,
    file,
    worker: spawnWorker(),
    now: Date.now,
    newId: newDeviceId,
    isOnline: () => navigator.onLine,
    onProgress: (progress, written) =>
      importState$.next({ ...of, status: 'reading', startedAt, progress, written }),
  });
  current = run;
  void run.done.then((outcome) => {
    if (current !== run) return;
    current = null;
    importState$.next({ ...outcome, ...of });
  });
}

export function cancelImport(): void {
  current?.cancel();
}

/** Back to choosing a file, once an import has ended. */
export function resetImport(): void {
  if (importState$.value.status !== 'reading') importState$.next({ status: 'idle' });
}
