import { defaultClientConditions, defineConfig } from 'vite';

// With PERSONA_MOCK_URL (such as http://127.0.0.1:4010), `vite` and `vite preview`
// forward Persona's API and the mock's own routes to that persona-mock server,
// on the page's origin: no CORS. One-time links open the server's own flow page.
const mockUrl = process.env.PERSONA_MOCK_URL;
const proxy = mockUrl ? { '/api/v1': mockUrl, '/__mock': mockUrl } : undefined;

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources: no build of the kit needed.
    conditions: ['@persona-kit/source', ...defaultClientConditions],
  },
  server: { proxy },
  preview: { proxy },
  build: {
    // The mock (the whole spec and its Ajv validators) makes a large bundle; fine for a demo.
    chunkSizeWarningLimit: 2_000,
  },
});
