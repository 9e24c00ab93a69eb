// One request before the suite: a server that is not there, or a base URL
// without the API's path, is said once with what to do, instead of as a
// failure of every step.

export type ProbeResult = { ok: true } | { ok: false; message: string };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const apiPath = '/api/v1';

export async function probeServer(
  baseUrl: string,
  apiKey: string,
  fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init),
): Promise<ProbeResult> {
  const base = baseUrl.replace(/\/+$/, '');
  const get = (url: string) =>
    fetchImpl(`${url}/accounts?page%5Bsize%5D=1`, {
      headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  let response: Response;
  try {
    response = await get(base);
  } catch (error) {
    return { ok: false, message: unreachable(base, error) };
  }
  await response.body?.cancel();
  if (response.status !== 404) return { ok: true };
  // GET /accounts exists on every Persona server: a 404 means the path is wrong.
  const candidate = new URL(base);
  if (!candidate.pathname.replace(/\/+$/, '').endsWith(apiPath)) {
    const suggested = `${base}${apiPath}`;
    const answer = await get(suggested).catch(() => undefined);
    await answer?.body?.cancel();
    if (answer && answer.status !== 404) {
      return {
        ok: false,
        message: `${base} answers 404 for GET /accounts: the API lives under ${apiPath}. Use --base-url ${suggested}`,
      };
    }
  }
  return {
    ok: false,
    message:
      `${base} answers 404 for GET /accounts: is it a Persona API? ` +
      `The base URL ends with ${apiPath}, e.g. http://127.0.0.1:4010${apiPath} or https://api.withpersona.com${apiPath}`,
  };
}

function unreachable(base: string, error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code === 'ECONNREFUSED') {
    return (
      `cannot connect to ${base}: connection refused (nothing listens there). ` +
      'Start the server first (for the mock: npx persona-mock, or pnpm mock in the persona-kit repository), or check --base-url'
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `cannot connect to ${base}: the host name does not resolve. Check --base-url`;
  }
  if ((error as Error).name === 'TimeoutError') {
    return `cannot connect to ${base}: no answer within 10 s. Check --base-url and that the server is up`;
  }
  return `cannot connect to ${base}: ${cause?.message ?? (error as Error).message}. Check --base-url and that the server is up`;
}
