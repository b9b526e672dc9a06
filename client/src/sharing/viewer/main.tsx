import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SharedViewerPage } from './SharedViewerPage.js';
import '../../styles.css';

/**
 * The share viewer's own entry point (`viewer.html`, served for `/shared/:accessCode`): a doctor's
 * browser downloads React, the viewer and its charts, never the app's router, RxDB or the demo
 * generator (BENCHMARKS.md, "Client bundle"). The page's robots and referrer rules are in its HTML,
 * so they hold before any script runs.
 */
const accessCode = decodeURIComponent(window.location.pathname.replace(/^\/shared\//, '')).replace(
  /\/+$/,
  '',
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SharedViewerPage accessCode={accessCode} />
  </StrictMode>,
);
