/** What one POST to a receiver came to. */
export interface AttemptOutcome {
  /** The receiver's status; null when it gave none (timeout, refused connection). */
  status: number | null;
  latencyMs: number;
  error: string | null;
}

/**
 * Posts a delivery once. The timeout covers the answer's body too, so a
 * receiver that hangs costs at most `timeoutMs`, never a stalled mock.
 */
export async function postOnce(
  fetcher: typeof fetch,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const response = await fetcher(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
      signal: controller.signal,
      redirect: 'manual',
    });
    await response.arrayBuffer();
    const ok = response.status >= 200 && response.status < 300;
    return {
      status: response.status,
      latencyMs: latency(),
      error: ok ? null : `the receiver answered ${response.status}`,
    };
  } catch (error) {
    const reason = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : describe(error);
    return { status: null, latencyMs: latency(), error: reason };
  } finally {
    clearTimeout(timer);
  }
}

/** A fetch failure in words: Node hides the socket error (ECONNREFUSED) in `cause`. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
