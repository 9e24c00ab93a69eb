import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verificationReason as reason } from './test-support/webhooks.js';
import { type PersonaWebhookEvent, signWebhook, verifyWebhook } from './webhooks.js';

const SECRET = 'wbhsec_5f0c8e4a2b6d4e1f9a7c3b8d0e2f4a6c';
const OLD_SECRET = 'wbhsec_0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const NOW = 1_735_689_600; // 2025-01-01T00:00:00Z
const payload = JSON.stringify({
  data: {
    type: 'event',
    id: 'evt_V9bxyK2pWmQ3r8LsT4nJ6hD1',
    attributes: {
      name: 'account.created',
      payload: { data: { type: 'account', id: 'act_68h3lHszBfNOTSPxUYT6LUvR', attributes: {} } },
      'created-at': '2025-01-01T00:00:00.000Z',
    },
  },
});

/** Persona's signature, computed independently of the code under test. */
const hmac = (secret: string, t: number, body: string) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

describe('signWebhook', () => {
  it("produces Persona's header: t=<seconds>,v1=<hex HMAC-SHA256 of t.body>", async () => {
    const header = await signWebhook({ secret: SECRET, payload, timestamp: NOW });
    expect(header).toBe(`t=${NOW},v1=${hmac(SECRET, NOW, payload)}`);
  });

  it('signs bytes and strings alike', async () => {
    const bytes = new TextEncoder().encode(payload);
    expect(await signWebhook({ secret: SECRET, payload: bytes, timestamp: NOW })).toBe(
      await signWebhook({ secret: SECRET, payload, timestamp: NOW }),
    );
  });
});

describe('verifyWebhook', () => {
  const header = `t=${NOW},v1=${hmac(SECRET, NOW, payload)}`;
  const verify = (options: Partial<Parameters<typeof verifyWebhook>[0]> = {}) =>
    verifyWebhook({ payload, header, secrets: SECRET, now: NOW, ...options });

  it('returns the event of a valid delivery', async () => {
    const event: PersonaWebhookEvent = await verify();
    expect(event.data.attributes.name).toBe('account.created');
  });

  it('accepts the raw body as bytes', async () => {
    const event = await verify({ payload: new TextEncoder().encode(payload) });
    expect(event.data.id).toBe('evt_V9bxyK2pWmQ3r8LsT4nJ6hD1');
  });

  it('rejects a tampered body', async () => {
    expect(await reason(verify({ payload: payload.replace('created', 'deleted') }))).toBe(
      'no_matching_signature',
    );
  });

  it('rejects a tampered signature', async () => {
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    expect(await reason(verify({ header: flipped }))).toBe('no_matching_signature');
    expect(await reason(verify({ header: `t=${NOW},v1=${'0'.repeat(64)}` }))).toBe(
      'no_matching_signature',
    );
    expect(await reason(verify({ header: `t=${NOW},v1=nothex` }))).toBe('no_matching_signature');
  });

  it('rejects a signature moved to another timestamp', async () => {
    const moved = `t=${NOW + 1},v1=${hmac(SECRET, NOW, payload)}`;
    expect(await reason(verify({ header: moved }))).toBe('no_matching_signature');
  });

  it('rejects the wrong secret', async () => {
    expect(await reason(verify({ secrets: OLD_SECRET }))).toBe('no_matching_signature');
  });

  it('rejects an expired delivery and one from the future, honouring the tolerance', async () => {
    expect(await reason(verify({ now: NOW + 301 }))).toBe('timestamp_outside_tolerance');
    expect(await reason(verify({ now: NOW - 301 }))).toBe('timestamp_outside_tolerance');
    await expect(verify({ now: NOW + 300 })).resolves.toBeDefined();
    expect(await reason(verify({ now: NOW + 60, toleranceSeconds: 30 }))).toBe(
      'timestamp_outside_tolerance',
    );
  });

  it('uses the clock when no time is given', async () => {
    const t = Math.floor(Date.now() / 1000);
    const fresh = await signWebhook({ secret: SECRET, payload });
    await expect(verifyWebhook({ payload, header: fresh, secrets: SECRET })).resolves.toBeDefined();
    expect(fresh).toMatch(new RegExp(`^t=(${t}|${t + 1}),v1=`));
  });

  it('accepts a rotating header with two v1 values, whichever secret is current', async () => {
    const rotating = `t=${NOW},v1=${hmac(OLD_SECRET, NOW, payload)} t=${NOW},v1=${hmac(SECRET, NOW, payload)}`;
    await expect(verify({ header: rotating, secrets: SECRET })).resolves.toBeDefined();
    await expect(verify({ header: rotating, secrets: OLD_SECRET })).resolves.toBeDefined();
    const oneSet = `t=${NOW},v1=${hmac(OLD_SECRET, NOW, payload)},v1=${hmac(SECRET, NOW, payload)}`;
    await expect(verify({ header: oneSet, secrets: SECRET })).resolves.toBeDefined();
  });

  it('tries every secret it is given', async () => {
    await expect(verify({ secrets: [OLD_SECRET, SECRET] })).resolves.toBeDefined();
    const signedWithOld = `t=${NOW},v1=${hmac(OLD_SECRET, NOW, payload)}`;
    await expect(
      verify({ header: signedWithOld, secrets: [SECRET, OLD_SECRET] }),
    ).resolves.toBeDefined();
  });

  it('says when the header is missing or malformed', async () => {
    expect(await reason(verify({ header: undefined }))).toBe('missing_header');
    expect(await reason(verify({ header: '  ' }))).toBe('missing_header');
    for (const bad of ['v1=abc', `t=${NOW}`, 'garbage', `t=soon,v1=abc`, `t=${NOW},v1=`]) {
      expect(await reason(verify({ header: bad }))).toBe('malformed_header');
    }
  });

  it('says when a signed body is not JSON', async () => {
    const text = 'not json';
    const signed = await signWebhook({ secret: SECRET, payload: text, timestamp: NOW });
    expect(await reason(verify({ payload: text, header: signed }))).toBe('invalid_payload');
  });

  it('needs at least one secret', async () => {
    await expect(verify({ secrets: [] })).rejects.toThrow(TypeError);
    await expect(verify({ secrets: '' })).rejects.toThrow(TypeError);
  });

  it('never puts a secret in its errors', async () => {
    const error = await verify({ secrets: [OLD_SECRET, `${SECRET}x`] }).catch((e: unknown) => e);
    const text = `${JSON.stringify(error)} ${String(error)} ${(error as Error).stack}`;
    expect(text).not.toContain(OLD_SECRET);
    expect(text).not.toContain(SECRET);
  });
});

describe('signWebhook with several secrets', () => {
  it('writes one set per secret, separated by a space, all with one timestamp', async () => {
    const header = await signWebhook({ secrets: [OLD_SECRET, SECRET], payload, timestamp: NOW });
    expect(header).toBe(
      `t=${NOW},v1=${hmac(OLD_SECRET, NOW, payload)} t=${NOW},v1=${hmac(SECRET, NOW, payload)}`,
    );
  });

  it('needs at least one non-empty secret', async () => {
    await expect(signWebhook({ secrets: [], payload })).rejects.toThrow(TypeError);
    await expect(signWebhook({ secrets: [SECRET, ''], payload })).rejects.toThrow(TypeError);
  });
});
