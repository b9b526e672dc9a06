import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import {
  BASE_URL,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  E2E_MASTER_KEY,
  E2E_PORT,
  e2eDatabaseUrl,
} from './support/env.js';

const SERVER = '../sync-server/dist/server.js';
for (const built of [SERVER, '../client/dist/index.html']) {
  if (!existsSync(new URL(built, import.meta.url))) {
    throw new Error(`${built} is missing: run \`npm run build\` at the repository root first`);
  }
}

export default defineConfig({
  testDir: './tests',
  // One server, one database, and journeys that build on each other: run in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: '../test-results/e2e',
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    serviceWorkers: 'allow',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
  },
  webServer: {
    // The BUILT server, on a fresh database created just before it starts.
    command: `node --import tsx support/prepare-database.ts && exec node ${SERVER}`,
    url: `${BASE_URL}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      BASE_URL,
      DATABASE_URL: e2eDatabaseUrl(),
      HEARTH_MASTER_KEY: E2E_MASTER_KEY,
      LOG_LEVEL: 'warn',
    },
  },
});
