// `pnpm generate`: writes src/generated/schema.ts from @persona-kit/spec's bundled document.
// Usage: tsx scripts/generate.ts [path/to/persona.openapi.json]
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { renderSchema, SCHEMA_PATH, SPEC_PATH } from './render-schema.js';

const specPath = process.argv[2] ?? SPEC_PATH;
const source = await renderSchema(specPath);
await mkdir(dirname(SCHEMA_PATH), { recursive: true });
await writeFile(SCHEMA_PATH, source);
console.log(`${relative(process.cwd(), specPath)} → ${relative(process.cwd(), SCHEMA_PATH)}`);
