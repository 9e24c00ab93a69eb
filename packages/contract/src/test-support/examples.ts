// The spec's own response examples: valid documents that tests break on purpose.
import { document, getOperation } from '@persona-kit/spec';

// biome-ignore lint/suspicious/noExplicitAny: example documents are read freely
type Json = any;

function at(pointer: string): Json {
  let node: Json = document;
  for (const segment of pointer.replace(/^#/, '').slice(1).split('/')) {
    node = node?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  while (node && typeof node.$ref === 'string') node = at(node.$ref);
  return node;
}

/** A deep copy of the first example of an operation's response. */
export function exampleBody(operationId: string, status: number): Json {
  const operation = getOperation(operationId);
  if (!operation) throw new Error(`no operation ${operationId}`);
  const response = at(operation.responses[String(status)]!.pointer);
  const media = response.content['application/json'];
  const example = Object.values(media.examples as Record<string, Json>)[0];
  return structuredClone((example.$ref ? at(example.$ref) : example).value);
}

export function jsonResponse(body: unknown, status: number, url: string): Response {
  const response = new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Request-Id': 'req_test' },
  });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}
