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

let created = 0;

/**
 * Ids that sort in the order the devices were made. The server stamps every device of one push
 * with the same `createdAt`, and devices of one kind then rank by id (core's
 * resolveSourcePriority): so this device and the server rank two imported sources of one kind
 * alike, before and after the upload.
 */
function newDeviceId(): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const sequence = (created++ % 1_679_616).toString(36).padStart(4, '0');
  return `import-${time}${sequence}-${crypto.randomUUID().slice(0, 8)}`;
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
