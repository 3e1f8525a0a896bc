import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@xietong/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
      '@xietong/parser': fileURLToPath(new URL('../parser/src/index.ts', import.meta.url)),
    },
  },
  // The manifest lets scripts/bundle-size.mjs follow what each route loads.
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
