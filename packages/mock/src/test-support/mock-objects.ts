import { readFileSync } from 'node:fs';
import { createSpec, type OpenApiDocument } from '@persona-kit/spec';
import { getResponse } from 'msw';
import type { PersonaMock } from '../create-mock.js';
import type { Answer } from './test-client.js';

// The bundled control-plane document: the mock's own routes, apart from Persona's.
const controlPlane = createSpec(
  JSON.parse(
    readFileSync(
      new URL('../../../spec/src/generated/control-plane.openapi.json', import.meta.url),
      'utf8',
    ),
  ) as OpenApiDocument,
);

/** A GET on the in-process mock's control plane, its answer checked against the control-plane document. */
export async function controlPlaneGet(
  mock: PersonaMock,
  path: string,
  apiKey: string | null = 'key-test',
): Promise<Answer> {
  const response = await getResponse(
    mock.handlers,
    new Request(`http://127.0.0.1:4010${path}`, {
      headers: apiKey !== null ? { Authorization: `Bearer ${apiKey}` } : {},
    }),
  );
  if (!response) throw new Error(`no handler answered GET ${path}`);
  const body = await response.json();
  const violations = controlPlane
    .validateResponse({
      method: 'GET',
      path,
      status: response.status,
      headers: response.headers,
      body,
    })
    .map((v) => v.message);
  return { status: response.status, headers: response.headers, body, violations };
}

/**
 * Reads `GET /__mock/objects/{id}` of the in-process mock, and checks every
 * answer against the control-plane document, as mockClient does for /api/v1.
 */
export function mockObjects(mock: PersonaMock, apiKey: string | null = 'key-test') {
  return (id: string): Promise<Answer> =>
    controlPlaneGet(mock, `/__mock/objects/${encodeURIComponent(id)}`, apiKey);
}
