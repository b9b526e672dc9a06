import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  buildTestApp,
  createTestDatabase,
  type TestAppOptions,
  type TestDatabase,
  type TestDatabaseOptions,
} from './test-db.js';

export interface TestDatabaseFixture {
  db: TestDatabase;
}

export interface TestAppFixture {
  db: TestDatabase;
  app: FastifyInstance;
}

/**
 * Gives this test file a fresh database of its own, so no file sees another's rows, and drops it
 * when the file is done. `set` receives it in `beforeAll`; hooks registered after this call run
 * after that one, so they can use it:
 *   let db: TestDatabase;
 *   useTestDatabase((fixture) => ({ db } = fixture));
 */
export function useTestDatabase(
  set: (fixture: TestDatabaseFixture) => void,
  options: TestDatabaseOptions = {},
): void {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(options);
    set({ db });
  });
  afterAll(async () => {
    await db?.drop();
  });
}

/**
 * As `useTestDatabase`, with the app built on that database. The app is closed before the
 * database is dropped: dropping it ends the pool, which the app (its NotifyHub, its requests)
 * must no longer be using.
 */
export function useTestApp(
  set: (fixture: TestAppFixture) => void,
  options: { database?: TestDatabaseOptions; app?: TestAppOptions } = {},
): void {
  let db: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(options.database);
    app = await buildTestApp(db.pool, options.app);
    set({ db, app });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });
}
