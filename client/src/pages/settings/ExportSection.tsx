import { accountExportUrl } from '../../api/account.js';

/** Every sample and rollup as a file, streamed by the server (SPECIFICATION.md §14). */
export function ExportSection() {
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export your data</h2>
      <p>
        Everything Hearth holds for you, every sample and every hourly, daily, weekly and monthly
        figure. FHIR R4 is what health records and doctors&apos; systems read; CSV opens in a
        spreadsheet. Exporting needs a connection.
      </p>
      <p>
        <a href={accountExportUrl('fhir')} download>
          Download everything as FHIR (JSON)
        </a>{' '}
        <a href={accountExportUrl('csv')} download>
          Download everything as CSV
        </a>
      </p>
    </section>
  );
}
