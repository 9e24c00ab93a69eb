import { validateResponse } from '@persona-kit/spec';
import { getResponse } from 'msw';
import type { PersonaMock } from '../create-mock.js';

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test documents are read freely
  body: any;
  /** Spec violations of this answer (empty when it matches the spec). */
  violations: string[];
}

/**
 * Calls the in-process mock the way a client would, and checks every answer
 * against the spec, so each test also proves the mock keeps to it.
 */
export function mockClient(mock: PersonaMock, apiKey: string | null = 'key-test') {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const init: RequestInit = {
      method,
      headers: {
        ...(apiKey !== null ? { Authorization: `Bearer ${apiKey}` } : {}),
        ...(body !== undefined && typeof body !== 'string'
          ? { 'Content-Type': 'application/json' }
          : {}),
        ...headers,
      },
    };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await getResponse(
      mock.handlers,
      new Request(`https://api.withpersona.com/api/v1${path}`, init),
    );
    if (!response) throw new Error(`no handler answered ${method} ${path}`);
    // A printed PDF is read as its bytes; everything else the mock answers is JSON.
    const pdf = response.headers.get('content-type') === 'application/pdf';
    const text = pdf ? '' : await response.text();
    const parsed = pdf
      ? new Uint8Array(await response.arrayBuffer())
      : text
        ? JSON.parse(text)
        : undefined;
    const violations = validateResponse({
      method,
      path: `/api/v1${path}`,
      status: response.status,
      headers: response.headers,
      body: parsed,
      keyInflection: headers['Key-Inflection'] ?? null,
    }).map((v) => v.message);
    return { status: response.status, headers: response.headers, body: parsed, violations };
  };
}

/** Calls a control-plane route (`/__mock/…`) of the in-process mock; answers its status and JSON body. */
export async function adminCall(
  mock: PersonaMock,
  method: string,
  path: string,
  body?: unknown,
  apiKey = 'key-test',
  // biome-ignore lint/suspicious/noExplicitAny: test documents are read freely
): Promise<{ status: number | undefined; body: any }> {
  const response = await getResponse(
    mock.handlers,
    new Request(`http://127.0.0.1${path}`, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
  const text = await response?.text();
  return { status: response?.status, body: text ? JSON.parse(text) : undefined };
}
