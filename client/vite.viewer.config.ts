import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The share viewer (`viewer.html`), built after the app into the same `dist/`. A doctor's browser
 * loads only this page, so it is rendered with Preact's React-compatible API instead of React DOM:
 * the same viewer script is 124 KB gzipped with React DOM and 62 KB with Preact, against a target
 * of ≤ 100 KB for the whole page (BENCHMARKS.md, "Client bundle"). The components are the same files the app and the
 * component tests render with React; the end-to-end tests exercise this build.
 */
export default defineConfig({
  resolve: {
    conditions: ['@hearth/source', 'module', 'browser', 'development|production'],
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  build: {
    outDir: 'dist',
    // The app's build is already there (its service worker, its precache list): keep it.
    emptyOutDir: false,
    rollupOptions: { input: { viewer: 'viewer.html' } },
  },
  plugins: [react()],
});
