// `pnpm generate`: writes src/generated/schema.ts from @persona-kit/spec's bundled document.
// Usage: tsx scripts/generate.ts [path/to/persona.openapi.json]
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import {
  CONTROL_PLANE_SCHEMA_PATH,
  CONTROL_PLANE_SPEC_PATH,
  renderSchema,
  SCHEMA_PATH,
  SPEC_PATH,
} from './render-schema.js';

async function write(specPath: string, schemaPath: string) {
  const source = await renderSchema(specPath);
  await mkdir(dirname(schemaPath), { recursive: true });
  await writeFile(schemaPath, source);
  console.log(`${relative(process.cwd(), specPath)} → ${relative(process.cwd(), schemaPath)}`);
}

await write(process.argv[2] ?? SPEC_PATH, SCHEMA_PATH);
// Given a path, only Persona's API is rendered; otherwise the control plane too.
if (process.argv[2] === undefined) await write(CONTROL_PLANE_SPEC_PATH, CONTROL_PLANE_SCHEMA_PATH);
