import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** Paths the server answers itself: the service worker must never answer them with the app shell. */
const SERVER_PATHS = [/^\/api\//, /^\/docs/, /^\/metrics/, /^\/health/, /^\/shared\//];

/**
 * `/shared/:accessCode` is the share viewer's own page (`viewer.html`, built by
 * `vite.viewer.config.ts`): the server sends it for those paths, and so does the dev server here.
 * It needs the network anyway (the data is fetched per visit), so the service worker leaves it
 * alone (above).
 */
const viewerPage: Plugin = {
  name: 'hearth-viewer-page',
  configureServer(server) {
    server.middlewares.use((request, _response, next) => {
      if (request.url?.startsWith('/shared/')) request.url = '/viewer.html';
      next();
    });
  },
};

export default defineConfig({
  // Sibling workspaces are bundled from their TypeScript sources (see the root vitest config).
  resolve: { conditions: ['@hearth/source', 'module', 'browser', 'development|production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    // `npm run dev -w client` against a local server on :3000 (cookies stay same-origin).
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
  plugins: [
    react(),
    viewerPage,
    VitePWA({
      strategies: 'generateSW',
      // The app registers the worker itself with workbox-window, to offer "new version available".
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        name: 'Hearth — your health, offline-first',
        short_name: 'Hearth',
        description: 'Health data from all your devices, deduplicated, charted and private.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#fffaf5',
        theme_color: '#8a3b12',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: SERVER_PATHS,
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        // API calls and replication are never cached or replayed by the worker: RxDB retries
        // pushes itself and must see every push response (SPECIFICATION.md §7).
        runtimeCaching: [],
      },
    }),
  ],
});
