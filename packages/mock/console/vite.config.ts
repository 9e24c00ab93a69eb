// Builds the console into dist/console, which the mock's HTTP server serves at /__mock/.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/__mock/',
  // Workspace packages from their TypeScript sources: the console builds without their dist.
  resolve: { conditions: ['@persona-kit/source', ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // One small bundle: the page must run offline and under a strict CSP, nothing inlined.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
