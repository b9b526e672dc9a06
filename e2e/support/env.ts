/**
 * Where the end-to-end run lives: an uncommon port and its own database, created fresh for every
 * run from TEST_DATABASE_URL (or the local PostgreSQL). HEARTH_E2E_PORT and HEARTH_E2E_DATABASE
 * let two runs share a machine without sharing a server.
 */
export const E2E_PORT = Number(process.env.HEARTH_E2E_PORT ?? 47_613);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATABASE = process.env.HEARTH_E2E_DATABASE ?? 'hearth_e2e';

/** A test-only master key (never use a fixed key outside tests). */
export const E2E_MASTER_KEY = '5e2e'.repeat(16);

export const ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function e2eDatabaseUrl(): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${E2E_DATABASE}`;
  return url.toString();
}

/** Debian's Chromium: Playwright's own browser download cannot work here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
