import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountExportQuerySchema } from '@hearth/schema';
import { currentUser } from '../../plugins/auth.js';
import { accountRecords } from '../../export/account-records.js';
import { chunked } from '../../export/chunked.js';
import { csvChunks } from '../../export/csv-stream.js';
import { fhirBundleChunks } from '../../export/fhir-stream.js';

/** Series or rollup rows per query: a few MB of decrypted points at most in memory. */
const EXPORT_PAGE_ROWS = 500;

/**
 * `GET /users/me/export?format=fhir|csv`: every sample and rollup of the account, streamed as
 * it is read (SPECIFICATION.md §14), so memory stays bounded whatever the account's size.
 */
const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/export',
    { schema: { querystring: accountExportQuerySchema } },
    async (request, reply) => {
      const userId = currentUser(request).id;
      const dataKey = await app.keyring.getUserKey(app.pool, userId);
      const records = accountRecords({ db: app.pool, dataKey, userId, pageSize: EXPORT_PAGE_ROWS });
      const now = new Date();
      const day = now.toISOString().slice(0, 10);
      const fhir = request.query.format === 'fhir';
      const body = fhir ? fhirBundleChunks(records, now.toISOString()) : csvChunks(records);
      return reply
        .type(
          fhir ? 'application/fhir+json; charset=utf-8' : 'text/csv; charset=utf-8; header=present',
        )
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="hearth-export-${day}.${fhir ? 'fhir.json' : 'csv'}"`,
        )
        .send(Readable.from(chunked(body), { objectMode: false }));
    },
  );
};

export default exportRoutes;
