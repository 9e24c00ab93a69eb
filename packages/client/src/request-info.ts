/** The request a response answered, as errors report it. */
export interface SentRequest {
  method: string;
  url: string;
}

// A Response does not know its request method, and openapi-fetch hands back only
// the Response; the client's fetch records both here so errors can name them.
const requests = new WeakMap<Response, SentRequest>();

export function rememberRequest(response: Response, sent: SentRequest): void {
  requests.set(response, sent);
}

export function requestOf(response: Response): SentRequest {
  return requests.get(response) ?? { method: 'UNKNOWN', url: response.url };
}
