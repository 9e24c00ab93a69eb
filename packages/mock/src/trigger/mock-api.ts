/** Calls a running mock: its API under `/api/v1` and its control plane under `/__mock/`. */
export type MockApi = (
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: JSON:API documents are read member by member
) => Promise<any>;

export function mockApi(baseUrl: string, apiKey: string, adminToken?: string): MockApi {
  return async (method, path, body) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${apiKey}`,
          ...(adminToken ? { 'Persona-Mock-Admin-Token': adminToken } : {}),
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new Error(`cannot reach the mock at ${baseUrl}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}
