import type { MockServer } from '../node/index.js';

// biome-ignore lint/suspicious/noExplicitAny: test documents are read freely
type Json = any;

/** Calls a mock served over HTTP with an API key: API paths under its base URL, `/__mock/…` at its root. */
export function serverClient(server: () => MockServer, apiKey: string) {
  return async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const { url: root, baseUrl } = server();
    const url = path.startsWith('/__mock') ? `${root}${path}` : `${baseUrl}${path}`;
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}
