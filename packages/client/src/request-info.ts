/** The request a response answered, as errors report it. */
export interface SentRequest {
  method: string;
  url: string;
}

// A Response does not know its request method, and openapi-fetch hands back only
// the Response; the client's fetch records both here so errors can name them.
const requests = new WeakMap<Response, SentRequest>();

export function rememberRequest(response: Response, info: SentRequest): void {
  requests.set(response, info);
}

export function requestOf(response: Response): SentRequest {
  return requests.get(response) ?? { method: 'UNKNOWN', url: safeUrl(response.url) };
}

/** The URL without user info, so credentials embedded in a base URL never reach errors or logs. */
export function safeUrl(url: string): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}
