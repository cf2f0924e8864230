import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const shared = { '@shared': resolve('src/shared') };

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // Two entries over one core: the Electron shell and the headless console.
        input: {
          electron: resolve('src/main/electron/index.ts'),
          server: resolve('src/main/server/index.ts'),
          // The import worker thread (reads and checks catalogue files off the studio's thread).
          'import-worker': resolve('src/main/core/shelf/import/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules: bundle everything into one CJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    resolve: { alias: shared },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // OBS loads the overlay pages into every browser source: ship them minified (React alone is
      // ~540 KB unminified); the operator UI shares the same chunks.
      minify: true,
      rolldownOptions: {
        // Second entry: the overlay pages OBS browser sources load from the overlay server.
        input: { index: resolve('src/renderer/index.html'), overlay: resolve('src/renderer/overlay.html') },
      },
    },
  },
});
