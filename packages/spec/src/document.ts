// The bundled spec (`pnpm generate` writes it). A JSON import works in Node, in
// bundlers and after `tsc`, which copies the file to dist/generated/.
import bundled from './generated/persona.openapi.json' with { type: 'json' };
import type { OpenApiDocument } from './types.js';

export const document = bundled as unknown as OpenApiDocument;
