// Reads what a webhook check needs, the raw body and the signature header, from
// a Fetch Request or from what Node's http module (and frameworks on it) hand over.

/** Header values as Node's `IncomingMessage#headers` gives them, or a Fetch `Headers`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** A delivery already read: the body exactly as received, and its headers. */
export interface WebhookDelivery {
  body: string | Uint8Array;
  headers: WebhookHeaders;
}

export interface WebhookParts {
  body: string | Uint8Array;
  header: string | undefined;
}

export async function readWebhookInput(
  input: Request | WebhookDelivery,
  headerName: string,
): Promise<WebhookParts> {
  if (isRequest(input)) {
    if (input.bodyUsed) {
      throw new TypeError(
        'parseWebhook: the request body was already read; pass the raw body instead',
      );
    }
    // Bytes, not text: the signature covers the body byte for byte.
    return {
      body: new Uint8Array(await input.arrayBuffer()),
      header: input.headers.get(headerName) ?? undefined,
    };
  }
  const { body, headers } = input;
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError(
      'parseWebhook: body must be the raw body, a string or bytes, not parsed JSON',
    );
  }
  return { body, header: headerOf(headers, headerName) };
}

function isRequest(input: unknown): input is Request {
  return typeof Request !== 'undefined' && input instanceof Request;
}

/** Header names are case-insensitive; a repeated header's values are separate signature sets. */
function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  return values.length > 0 ? values.join(' ') : undefined;
}
