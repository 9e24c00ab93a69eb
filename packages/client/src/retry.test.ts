import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPersonaClient } from './client.js';
import { isPersonaApiError } from './errors.js';
import { backoffMs, resolveRetry, serverDelayMs } from './retry-policy.js';
import { errorDocument } from './test-support/fixtures.js';
import { API_KEY, BASE_URL, recordingSleep, useMswServer } from './test-support/msw.js';
import { unwrap } from './unwrap.js';

const server = useMswServer();
const page = { data: [], links: { prev: null, next: null } };

/** Answers the given responses in turn (the last one repeats) and counts attempts. */
function answerInTurn(...responses: (() => Response)[]) {
  const attempts = { count: 0 };
  server.use(
    http.get(`${BASE_URL}/accounts`, () => {
      const respond = responses[Math.min(attempts.count, responses.length - 1)];
      attempts.count++;
      return respond?.() ?? HttpResponse.json(page);
    }),
  );
  return attempts;
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json(errorDocument(`status ${code}`), { status: code, headers });
const ok = () => HttpResponse.json(page);

function client(retry: Parameters<typeof resolveRetry>[0] = {}) {
  const sleep = recordingSleep();
  const persona = createPersonaClient({
    apiKey: API_KEY,
    baseUrl: BASE_URL,
    retry: retry && { random: () => 0.5, sleep: sleep.sleep, ...retry },
  });
  return { persona, delays: sleep.delays };
}

describe('retries', () => {
  afterEach(() => vi.useRealTimers());

  it.each([429, 500, 502, 503, 504])(
    'retries a %i and returns the success that follows',
    async (code) => {
      const attempts = answerInTurn(status(code), status(code), ok);
      const { persona, delays } = client();

      const { data } = await persona.GET('/accounts');

      expect(data).toEqual(page);
      expect(attempts.count).toBe(3);
      expect(delays).toHaveLength(2);
    },
  );

  it('retries a network error', async () => {
    const attempts = answerInTurn(() => HttpResponse.error(), ok);
    const { persona } = client();

    const { data } = await persona.GET('/accounts');

    expect(data).toEqual(page);
    expect(attempts.count).toBe(2);
  });

  it.each([400, 401, 403, 404, 409, 422])('never retries a %i', async (code) => {
    const attempts = answerInTurn(status(code), ok);
    const { persona, delays } = client();

    const result = await persona.GET('/accounts');

    expect(result.response.status).toBe(code);
    expect(attempts.count).toBe(1);
    expect(delays).toEqual([]);
  });

  it('gives up after `retries` retries and hands back the last failure', async () => {
    const attempts = answerInTurn(status(503));
    const { persona, delays } = client({ retries: 2 });

    const result = await persona.GET('/accounts');

    expect(attempts.count).toBe(3);
    expect(delays).toHaveLength(2);
    expect(() => unwrap(result)).toThrow(expect.objectContaining({ status: 503 }));
  });

  it('makes 4 attempts by default', async () => {
    const attempts = answerInTurn(status(500));
    const { persona } = client();
    await persona.GET('/accounts');
    expect(attempts.count).toBe(4);
  });

  it('rethrows the network error once the retries are spent', async () => {
    const attempts = answerInTurn(() => HttpResponse.error());
    const { persona } = client({ retries: 1 });

    await expect(persona.GET('/accounts')).rejects.toThrow(TypeError);
    expect(attempts.count).toBe(2);
  });

  it('does not retry when retry is false', async () => {
    const attempts = answerInTurn(status(503), ok);
    const persona = createPersonaClient({ apiKey: API_KEY, baseUrl: BASE_URL, retry: false });

    expect((await persona.GET('/accounts')).response.status).toBe(503);
    expect(attempts.count).toBe(1);
  });

  it('backs off exponentially with full jitter', async () => {
    answerInTurn(status(503));
    const { persona, delays } = client({ minDelayMs: 100, factor: 3, maxDelayMs: 1_000 });

    await persona.GET('/accounts');

    // random() = 0.5 of the ceilings 100, 300, then 900
    expect(delays).toEqual([50, 150, 450]);
  });

  it('waits the seconds of Retry-After', async () => {
    answerInTurn(status(429, { 'Retry-After': '2' }), ok);
    const { persona, delays } = client();
    await persona.GET('/accounts');
    expect(delays).toEqual([2_000]);
  });

  it('waits until the HTTP date of Retry-After', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2025-03-01T12:00:00Z') });
    answerInTurn(status(503, { 'Retry-After': 'Sat, 01 Mar 2025 12:00:07 GMT' }), ok);
    const { persona, delays } = client();
    await persona.GET('/accounts');
    expect(delays).toEqual([7_000]);
  });

  it('waits for RateLimit-Reset when there is no Retry-After', async () => {
    answerInTurn(status(429, { 'RateLimit-Reset': '3', 'RateLimit-Remaining': '0' }), ok);
    const { persona, delays } = client();
    await persona.GET('/accounts');
    expect(delays).toEqual([3_000]);
  });

  it('hands back a 429 whose wait is longer than maxDelayMs, without waiting', async () => {
    const attempts = answerInTurn(status(429, { 'Retry-After': '120' }), ok);
    const { persona, delays } = client({ maxDelayMs: 10_000 });

    const result = await persona.GET('/accounts');

    expect(result.response.status).toBe(429);
    expect(attempts.count).toBe(1);
    expect(delays).toEqual([]);
  });

  it('stops waiting and retrying when the caller aborts', async () => {
    const attempts = answerInTurn(status(503), ok);
    const controller = new AbortController();
    const persona = createPersonaClient({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      retry: { minDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1 },
    });

    const pending = persona.GET('/accounts', { signal: controller.signal });
    await vi.waitUntil(() => attempts.count === 1);
    controller.abort(new Error('caller gave up'));

    await expect(pending).rejects.toThrow('caller gave up');
    expect(attempts.count).toBe(1);
  });

  it('sends the same body on every attempt', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${BASE_URL}/accounts`, async ({ request }) => {
        bodies.push(await request.json());
        return bodies.length < 3
          ? HttpResponse.json(errorDocument('busy'), { status: 503 })
          : HttpResponse.json({ data: {} }, { status: 201 });
      }),
    );
    const { persona } = client();
    const body = { data: { attributes: { 'reference-id': 'user-9' } } };

    await persona.POST('/accounts', { body });

    expect(bodies).toEqual([body, body, body]);
  });

  it('tells the logger about every attempt, response and retry', async () => {
    answerInTurn(status(503, { 'Request-Id': 'req_a' }), ok);
    const lines: [string, object][] = [];
    const persona = createPersonaClient({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      retry: { sleep: async () => {}, random: () => 0.5 },
      logger: { debug: (message, fields) => lines.push([message, fields]) },
    });

    await persona.GET('/accounts');

    const url = `${BASE_URL}/accounts`;
    expect(lines).toEqual([
      ['persona: request', { method: 'GET', url, attempt: 1 }],
      ['persona: response', { method: 'GET', url, attempt: 1, status: 503, requestId: 'req_a' }],
      [
        'persona: retrying',
        { method: 'GET', url, attempt: 1, status: 503, delayMs: 250, reason: 'status 503' },
      ],
      ['persona: request', { method: 'GET', url, attempt: 2 }],
      ['persona: response', { method: 'GET', url, attempt: 2, status: 200 }],
    ]);
  });

  it('ends with a PersonaApiError once unwrapped', async () => {
    answerInTurn(status(429));
    const { persona } = client({ retries: 1 });
    const error = await Promise.resolve(persona.GET('/accounts'))
      .then(unwrap)
      .catch((e: unknown) => e);
    expect(isPersonaApiError(error) && error.status).toBe(429);
  });
});

describe('retry policy', () => {
  const policy = resolveRetry({ random: () => 0.999 });

  it('caps the backoff at maxDelayMs', () => {
    if (!policy) throw new Error('unreachable');
    expect(backoffMs({ ...policy, maxDelayMs: 1_000 }, 10)).toBeLessThanOrEqual(1_000);
    expect(backoffMs(policy, 1)).toBeLessThan(500);
  });

  it('reads Retry-After before RateLimit-Reset, and ignores what it cannot read', () => {
    const headers = (init: Record<string, string>) => new Headers(init);
    expect(serverDelayMs(headers({ 'Retry-After': '1', 'RateLimit-Reset': '9' }))).toBe(1_000);
    expect(serverDelayMs(headers({ 'Retry-After': 'soon', 'RateLimit-Reset': '9' }))).toBe(9_000);
    expect(serverDelayMs(headers({ 'Retry-After': 'Thu, 01 Jan 1970 00:00:00 GMT' }))).toBe(0);
    expect(serverDelayMs(headers({ 'RateLimit-Reset': '-1' }))).toBeUndefined();
    expect(serverDelayMs(headers({}))).toBeUndefined();
  });

  it('rejects options that cannot work', () => {
    expect(() => resolveRetry({ retries: -1 })).toThrow(RangeError);
    expect(() => resolveRetry({ retries: 1.5 })).toThrow(RangeError);
    expect(() => resolveRetry({ minDelayMs: 10, maxDelayMs: 5 })).toThrow(RangeError);
    expect(() => resolveRetry({ factor: 0.5 })).toThrow(RangeError);
    expect(resolveRetry(false)).toBe(false);
  });
});
