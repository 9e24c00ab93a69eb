// Everything the console reads goes through here: Persona's API under /api/v1
// with the organization's key, and the control plane under /__mock/ through
// its typed client, with the admin token when the mock asks for one.
import {
  type ControlPlaneClient,
  createControlPlaneClient,
} from '@persona-kit/client/control-plane';
import type { Session } from './session.js';

export const ADMIN_TOKEN_HEADER = 'Persona-Mock-Admin-Token';

/** An answer that was not 2xx, with what the mock said about it. */
export class RequestFailed extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The mock wants its admin token (401 with its challenge). */
    readonly needsAdminToken = false,
  ) {
    super(message);
  }
}

export interface Resource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data?: Linkage | Linkage[] | null }>;
}
export interface Linkage {
  type: string;
  id: string;
}
export interface ListDocument {
  data: Resource[];
  links?: { next?: string | null; prev?: string | null };
}

export interface Connection {
  session: Session;
  control: ControlPlaneClient;
  /** GET under /api/v1; `path` starts with `/`. */
  api<T>(path: string, query?: Record<string, string>): Promise<T>;
  /** POST a JSON:API document under /api/v1 (the inquiry buttons, the importer's form). */
  post<T>(path: string, body: unknown): Promise<T>;
  /** Headers every request carries: the key, and the admin token when there is one. */
  headers(): Record<string, string>;
}

export function connect(session: Session): Connection {
  const headers = () => ({
    Authorization: `Bearer ${session.apiKey}`,
    ...(session.adminToken ? { [ADMIN_TOKEN_HEADER]: session.adminToken } : {}),
  });
  return {
    session,
    headers,
    control: createControlPlaneClient({
      baseUrl: location.origin,
      apiKey: session.apiKey,
      ...(session.adminToken ? { adminToken: session.adminToken } : {}),
    }),
    async api<T>(path: string, query: Record<string, string> = {}) {
      const url = new URL(`/api/v1${path}`, location.origin);
      for (const [name, value] of Object.entries(query)) {
        if (value !== '') url.searchParams.set(name, value);
      }
      const response = await fetch(url, { headers: headers() });
      if (!response.ok) throw await failure(response);
      return (await response.json()) as T;
    },
    async post<T>(path: string, body: unknown) {
      const response = await fetch(new URL(`/api/v1${path}`, location.origin), {
        method: 'POST',
        headers: { ...headers(), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw await failure(response);
      return (await response.json()) as T;
    },
  };
}

/** The error an answer carries, in one sentence. */
export async function failure(response: Response): Promise<RequestFailed> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = (await response.json()) as { errors?: { title?: string; details?: string }[] };
    const first = body.errors?.[0];
    if (first) message = `${response.status} ${first.title ?? ''}: ${first.details ?? ''}`.trim();
  } catch {
    // not JSON: the status says enough
  }
  const challenge = response.headers.get('www-authenticate') ?? '';
  return new RequestFailed(response.status, message, challenge.includes(ADMIN_TOKEN_HEADER));
}

/** The data of a typed control-plane call, or its error thrown. */
export async function must<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const first = (error as { errors?: { title?: string; details?: string }[] } | undefined)
    ?.errors?.[0];
  const message = first
    ? `${response.status} ${first.title ?? ''}: ${first.details ?? ''}`
    : `${response.status} ${response.statusText}`;
  const challenge = response.headers.get('www-authenticate') ?? '';
  throw new RequestFailed(response.status, message, challenge.includes(ADMIN_TOKEN_HEADER));
}

/** A message for any failure, for the page's alerts. */
export function describe(error: unknown): string {
  if (error instanceof RequestFailed) {
    return error.needsAdminToken
      ? `${error.message} — sign out and give the mock's admin token with your key.`
      : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
