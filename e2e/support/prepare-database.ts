// Run by the webServer command before the server starts: a fresh, empty database per run (the
// server migrates it on start-up).
import pg from 'pg';
import { ADMIN_DATABASE_URL, E2E_DATABASE } from './env.js';

const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
await client.connect();
try {
  await client.query(`DROP DATABASE IF EXISTS ${E2E_DATABASE} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${E2E_DATABASE}`);
} finally {
  await client.end();
}
