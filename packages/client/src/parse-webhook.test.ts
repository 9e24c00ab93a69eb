import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verificationReason as reason } from './test-support/webhooks.js';
import { parseWebhook, signWebhook } from './webhooks.js';

const SECRET = 'wbhsec_5f0c8e4a2b6d4e1f9a7c3b8d0e2f4a6c';
const OLD_SECRET = 'wbhsec_0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const NOW = 1_735_689_600; // 2025-01-01T00:00:00Z
const body = JSON.stringify({
  data: {
    type: 'event',
    id: 'evt_V9bxyK2pWmQ3r8LsT4nJ6hD1',
    attributes: {
      name: 'inquiry.completed',
      payload: { data: { type: 'inquiry', id: 'inq_Xz3Vb8Nm2Qw5Lk7Jh4Gf6Ds9', attributes: {} } },
      'created-at': '2025-01-01T00:00:00.000Z',
    },
  },
});

/** Persona's signature, computed independently of the code under test. */
const set = (secret: string, t = NOW, payload = body) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;

const delivery = (header: string, payload: string = body) =>
  new Request('http://127.0.0.1/webhooks/persona', {
    method: 'POST',
    headers: { 'Persona-Signature': header, 'Content-Type': 'application/json' },
    body: payload,
  });

describe('parseWebhook', () => {
  it('returns the event of a genuine Fetch request', async () => {
    const event = await parseWebhook(delivery(set(SECRET)), { secrets: SECRET, now: NOW });
    expect(event.data.attributes.name).toBe('inquiry.completed');
    expect(event.data.attributes.payload.data.id).toBe('inq_Xz3Vb8Nm2Qw5Lk7Jh4Gf6Ds9');
  });

  it('refuses a tampered body', async () => {
    const tampered = body.replace('inquiry.completed', 'inquiry.approved');
    expect(
      await reason(parseWebhook(delivery(set(SECRET), tampered), { secrets: SECRET, now: NOW })),
    ).toBe('no_matching_signature');
  });

  it('refuses a delivery older than the tolerance, and honours a custom one', async () => {
    const old = delivery(set(SECRET, NOW - 301));
    expect(await reason(parseWebhook(old, { secrets: SECRET, now: NOW }))).toBe(
      'timestamp_outside_tolerance',
    );
    const minuteOld = () => delivery(set(SECRET, NOW - 60));
    await expect(parseWebhook(minuteOld(), { secrets: SECRET, now: NOW })).resolves.toBeDefined();
    expect(
      await reason(parseWebhook(minuteOld(), { secrets: SECRET, now: NOW, toleranceSeconds: 30 })),
    ).toBe('timestamp_outside_tolerance');
  });

  it('accepts deliveries signed with the old or the new secret while both are live', async () => {
    const secrets = [SECRET, OLD_SECRET];
    for (const signedWith of secrets) {
      const event = await parseWebhook(delivery(set(signedWith)), { secrets, now: NOW });
      expect(event.data.id).toBe('evt_V9bxyK2pWmQ3r8LsT4nJ6hD1');
    }
    // Once the old secret is retired, what it signed is refused.
    expect(
      await reason(parseWebhook(delivery(set(OLD_SECRET)), { secrets: SECRET, now: NOW })),
    ).toBe('no_matching_signature');
  });

  it('accepts a header with one set per live secret, whichever secret the endpoint knows', async () => {
    const header = `${set(OLD_SECRET)} ${set(SECRET)}`;
    expect(
      await signWebhook({ secrets: [OLD_SECRET, SECRET], payload: body, timestamp: NOW }),
    ).toBe(header);
    for (const secrets of [SECRET, OLD_SECRET]) {
      await expect(parseWebhook(delivery(header), { secrets, now: NOW })).resolves.toBeDefined();
    }
    const stranger = 'wbhsec_ffffffffffffffffffffffffffffffff';
    expect(await reason(parseWebhook(delivery(header), { secrets: stranger, now: NOW }))).toBe(
      'no_matching_signature',
    );
  });

  it("reads Node's headers: any case, arrays for repeated headers, bytes or text", async () => {
    const bytes = new TextEncoder().encode(body);
    const event = await parseWebhook(
      {
        body: bytes,
        headers: { 'content-type': 'application/json', 'persona-signature': set(SECRET) },
      },
      { secrets: SECRET, now: NOW },
    );
    expect(event.data.attributes.name).toBe('inquiry.completed');

    const repeated = { 'persona-signature': [set(OLD_SECRET), set(SECRET)], host: undefined };
    await expect(
      parseWebhook({ body, headers: repeated }, { secrets: SECRET, now: NOW }),
    ).resolves.toBeDefined();
    // Node joins a repeated header with ", " when it hands over one string.
    const joined = { 'Persona-Signature': `${set(OLD_SECRET)}, ${set(SECRET)}` };
    await expect(
      parseWebhook({ body, headers: joined }, { secrets: SECRET, now: NOW }),
    ).resolves.toBeDefined();
    await expect(
      parseWebhook(
        { body, headers: new Headers({ 'persona-signature': set(SECRET) }) },
        {
          secrets: SECRET,
          now: NOW,
        },
      ),
    ).resolves.toBeDefined();
  });

  it('says when the header is missing', async () => {
    expect(
      await reason(
        parseWebhook({ body, headers: { 'persona-signature': undefined } }, { secrets: SECRET }),
      ),
    ).toBe('missing_header');
    const request = new Request('http://127.0.0.1/', { method: 'POST', body });
    expect(await reason(parseWebhook(request, { secrets: SECRET }))).toBe('missing_header');
  });

  it('refuses signed JSON that is not an event document', async () => {
    const other = JSON.stringify({ data: { type: 'account', id: 'act_1' } });
    expect(
      await reason(
        parseWebhook(delivery(set(SECRET, NOW, other), other), { secrets: SECRET, now: NOW }),
      ),
    ).toBe('invalid_payload');
  });

  it('refuses a request whose body was already read, and a body that was parsed', async () => {
    const request = delivery(set(SECRET));
    await request.text();
    await expect(parseWebhook(request, { secrets: SECRET, now: NOW })).rejects.toThrow(
      /already read/,
    );
    const parsed = JSON.parse(body) as unknown as string;
    await expect(
      parseWebhook(
        { body: parsed, headers: { 'persona-signature': set(SECRET) } },
        { secrets: SECRET },
      ),
    ).rejects.toThrow(/raw body/);
  });
});
