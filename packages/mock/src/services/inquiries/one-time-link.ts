/** Where the mock serves the hosted-flow stand-in page, below its origin. */
export const FLOW_PATH = '/__mock/flow/';

/** The one-time link of a session: the stand-in page for the code, on the mock's origin. */
export function flowLink(origin: string, code: string): string {
  return `${origin}${FLOW_PATH}${encodeURIComponent(code)}`;
}
