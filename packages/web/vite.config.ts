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
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React and the router in their own chunk, so the automatic chunking does not fold
        // screen-only antd code into what the first route must load.
        codeSplitting: {
          groups: [{ name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 10 }],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
