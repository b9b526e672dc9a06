import type { ImportSummary } from '@hearth/core/import';
import { Link } from 'react-router';
import type { ImportWritten } from '../../import/importRun.js';
import { summaryView } from './importSummary.js';
import { format } from '../../format/currentFormat.js';

/** What the import kept and skipped, per type and per source, and why. */
export function ImportSummaryView({
  summary,
  written,
}: {
  summary: ImportSummary;
  written: ImportWritten;
}) {
  const view = summaryView(summary, written);
  return (
    <section aria-labelledby="import-summary-title">
      <h2 id="import-summary-title">Import finished</h2>
      <p role="status">{view.headline}</p>
      <p>
        See them on <Link to="/">Today</Link> and in <Link to="/trends">Trends</Link>. They upload
        in the background whenever this device is online.
      </p>
      <table className="data-table import-by-type">
        <caption>By type</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Kept</th>
            <th scope="col">Skipped</th>
            <th scope="col">Why skipped</th>
          </tr>
        </thead>
        <tbody>
          {view.byType.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              <td>{format().number(row.kept)}</td>
              <td>{format().number(row.skipped)}</td>
              <td>{row.reasons || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table">
        <caption>By source (one Hearth device each)</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Kind</th>
            <th scope="col">Kept</th>
            <th scope="col">Skipped</th>
          </tr>
        </thead>
        <tbody>
          {view.bySource.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              <td>{row.kind}</td>
              <td>{format().number(row.kept)}</td>
              <td>{format().number(row.skipped)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.skipped.length > 0 && (
        <>
          <h3>Records not kept</h3>
          <ul aria-label="Records not kept">
            {view.skipped.map((row) => (
              <li key={row.reason}>
                {row.reason}: {format().number(row.records)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
