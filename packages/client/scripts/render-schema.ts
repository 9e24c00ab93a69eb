// Turns the bundled OpenAPI document into the TypeScript types the client is built on.
// Shared by `pnpm generate` and the test that fails when the committed file is stale.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

export const SPEC_PATH = fileURLToPath(
  new URL('../../spec/src/generated/persona.openapi.json', import.meta.url),
);
export const SCHEMA_PATH = fileURLToPath(new URL('../src/generated/schema.ts', import.meta.url));
/** The mock's control plane: its bundled document and the types made of it. */
export const CONTROL_PLANE_SPEC_PATH = fileURLToPath(
  new URL('../../spec/src/generated/control-plane.openapi.json', import.meta.url),
);
export const CONTROL_PLANE_SCHEMA_PATH = fileURLToPath(
  new URL('../src/generated/control-plane-schema.ts', import.meta.url),
);

export async function renderSchema(specPath = SPEC_PATH): Promise<string> {
  const document = JSON.parse(await readFile(specPath, 'utf8')) as OpenAPI3;
  const ast = await openapiTS(document, {
    silent: true,
    // A schema of `type: object` alone is an open object (Persona adds keys), not an empty one.
    emptyObjectsUnknown: true,
    // A default is what the server assumes when a request leaves the member out:
    // it must stay optional for callers (`auto-create-account`, `page[size]`).
    defaultNonNullable: false,
  });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}
