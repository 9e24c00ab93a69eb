import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through this condition,
// so tests never depend on a stale build.
const conditions = ['@persona-kit/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@persona-kit/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/mock/console/src/**/*.test.ts',
      'test/**/*.test.ts',
      'examples/*/{src,test}/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
