import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Workspace packages resolve to their TypeScript sources in tests, so no build is needed to test. */
const alias = {
  '@xietong/parser/adapters': src('./packages/parser/src/adapters/index.ts'),
  '@xietong/parser/cli': src('./packages/parser/src/cli/parse.ts'),
  '@xietong/parser': src('./packages/parser/src/index.ts'),
  '@xietong/shared': src('./packages/shared/src/index.ts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'parser',
          include: ['packages/parser/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'shared',
          include: ['packages/shared/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.{ts,tsx}'],
          // jsdom 29 (the last for Node 20) lives in packages/web; DOM tests install it themselves
          // (packages/web/src/test/install-dom.ts), so the project runs in the node environment.
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A page may take seconds to show a result on a loaded 2-core CI machine; poll's 1 s default flakes.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
