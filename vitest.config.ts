import { defineConfig } from 'vitest/config';

// Workspaces resolve each other's `src/` through the `@hearth/source` export condition,
// so tests never need a build step and always see the code under test.
const resolve = { conditions: ['@hearth/source', 'module', 'browser', 'development|production'] };
const serverResolve = {
  conditions: ['@hearth/source', 'node', 'module', 'development|production'],
};
// Tests run in Node, where Vite resolves through its SSR settings: give those the same condition,
// or sibling packages would silently come from a stale `dist/`.
const ssr = {
  resolve: { conditions: serverResolve.conditions, externalConditions: ['@hearth/source'] },
};

export default defineConfig({
  test: {
    projects: [
      { resolve, ssr, test: { name: 'schema', root: 'schema', include: ['src/**/*.test.ts'] } },
      {
        resolve,
        ssr,
        // Property tests run hundreds of cases; on a loaded 2-core machine some need more than 5 s.
        test: { name: 'core', root: 'core', include: ['src/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        resolve: serverResolve,
        ssr,
        test: {
          name: 'sync-server',
          root: 'sync-server',
          include: ['src/**/*.test.ts'],
          // PostgreSQL tests each create their own database; a little patience for Argon2 and COPY.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve,
        ssr,
        test: {
          name: 'client',
          root: 'client',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/format/pinnedFormat.setup.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
