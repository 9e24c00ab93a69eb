import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources: no build of the kit needed.
    conditions: ['@persona-kit/source', ...defaultClientConditions],
  },
  build: {
    // The mock (the whole spec and its Ajv validators) makes a large bundle; fine for a demo.
    chunkSizeWarningLimit: 2_000,
  },
});
