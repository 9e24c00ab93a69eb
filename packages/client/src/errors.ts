import { requestOf } from './request-info.js';

/** One entry of Persona's `errors` array. */
export interface PersonaErrorObject {
  title: string;
  details?: string;
}

export interface PersonaApiErrorInit {
  status: number;
  errors: readonly PersonaErrorObject[];
  requestId: string | undefined;
  method: string;
  url: string;
}

/**
 * A non-2xx answer from Persona. It keeps what helps to debug (status, Persona's
 * errors, the Request-Id to quote to support, method and URL) and nothing else:
 * no headers, no body beyond `errors`, no `cause`, so the API key cannot leak
 * through it into logs or error trackers.
 */
export class PersonaApiError extends Error {
  declare readonly name: 'PersonaApiError';
  readonly status: number;
  readonly errors: readonly PersonaErrorObject[];
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;

  static {
    // On the prototype, not the instance, so the stack trace's first line names the class.
    Object.defineProperty(PersonaApiError.prototype, 'name', { value: 'PersonaApiError' });
  }

  constructor(init: PersonaApiErrorInit) {
    super(describe(init));
    this.status = init.status;
    this.errors = init.errors;
    this.requestId = init.requestId;
    this.method = init.method;
    this.url = init.url;
  }

  /** Builds the error from a response and its parsed body (openapi-fetch's `error`). */
  static fromResponse(response: Response, body: unknown): PersonaApiError {
    const { method, url } = requestOf(response);
    return new PersonaApiError({
      status: response.status,
      errors: errorsOf(body),
      requestId: response.headers.get('Request-Id') ?? undefined,
      method,
      url,
    });
  }

  toJSON() {
    const { name, message, status, errors, requestId, method, url } = this;
    return { name, message, status, errors, requestId, method, url };
  }
}

/** True for a PersonaApiError, even one from another copy of this package. */
export function isPersonaApiError(value: unknown): value is PersonaApiError {
  if (value instanceof PersonaApiError) return true;
  return (
    value instanceof Error &&
    value.name === 'PersonaApiError' &&
    typeof (value as Partial<PersonaApiError>).status === 'number' &&
    Array.isArray((value as Partial<PersonaApiError>).errors)
  );
}

/** Persona's `errors` array when the body is an error document; otherwise none. */
function errorsOf(body: unknown): PersonaErrorObject[] {
  if (typeof body !== 'object' || body === null) return [];
  const { errors } = body as { errors?: unknown };
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry): PersonaErrorObject[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { title, details } = entry as { title?: unknown; details?: unknown };
    if (typeof title !== 'string') return [];
    return typeof details === 'string' ? [{ title, details }] : [{ title }];
  });
}

function describe({ status, errors, requestId, method, url }: PersonaApiErrorInit): string {
  const what = errors.map((e) => (e.details ? `${e.title}: ${e.details}` : e.title)).join('; ');
  const target = method === 'UNKNOWN' ? url : `${method} ${url}`;
  const id = requestId ? ` [Request-Id ${requestId}]` : '';
  return `Persona API ${status} on ${target}${what ? ` — ${what}` : ''}${id}`;
}
