import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createPersonaClient } from './client.js';
import { NO_RETRY_HEADER, noRetry } from './no-retry.js';
import { prefer } from './prefer.js';
import { API_KEY, BASE_URL, recordingSleep, useMswServer } from './test-support/msw.js';

const server = useMswServer();

/** Answers 429 to every attempt and keeps the headers each attempt carried. */
function alwaysLimited() {
  const seen: Headers[] = [];
  server.use(
    http.get(`${BASE_URL}/accounts`, ({ request }) => {
      seen.push(request.headers);
      return HttpResponse.json(
        { errors: [{ title: 'Too many requests' }] },
        { status: 429, headers: { 'Retry-After': '1' } },
      );
    }),
  );
  return seen;
}

function client() {
  const sleep = recordingSleep();
  const persona = createPersonaClient({
    apiKey: API_KEY,
    baseUrl: BASE_URL,
    retry: { sleep: sleep.sleep },
  });
  return { persona, delays: sleep.delays };
}

describe('forced statuses and calls without retries', () => {
  it('sends prefer({ code }) as Prefer and answers the forced status after one attempt', async () => {
    const seen = alwaysLimited();
    const { persona, delays } = client();
    const { response } = await persona.GET('/accounts', { headers: prefer({ code: 429 }) });
    expect(response.status).toBe(429);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.get('prefer')).toBe('code=429');
    expect(delays).toEqual([]);
  });

  it('still retries a 429 that nobody forced', async () => {
    const seen = alwaysLimited();
    const { persona, delays } = client();
    await persona.GET('/accounts');
    expect(seen).toHaveLength(4);
    expect(delays).toEqual([1000, 1000, 1000]);
  });

  it('turns retries off for one call with noRetry, and does not send the marker on', async () => {
    const seen = alwaysLimited();
    const { persona } = client();
    const { response } = await persona.GET('/accounts', { headers: noRetry });
    expect(response.status).toBe(429);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.has(NO_RETRY_HEADER)).toBe(false);
  });

  it('writes latency and refuses a status that is not one', () => {
    expect(prefer({ code: 503, latencyMs: [100, 300] })).toEqual({
      Prefer: 'code=503, latency=100-300',
    });
    expect(() => prefer({ code: 42 })).toThrow(/HTTP status/);
  });
});
