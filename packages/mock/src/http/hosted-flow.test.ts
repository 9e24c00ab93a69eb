import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
});

async function linkFor(attributes: Record<string, unknown> = {}) {
  const created = await call('POST', '/inquiries', {
    data: {
      attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.selfie, ...attributes },
    },
    // The default workflow finds the person's account by it.
    meta: { 'auto-create-account-reference-id': `person-${crypto.randomUUID()}` },
  });
  const id: string = created.body.data.id;
  const link = await call('POST', `/inquiries/${id}/generate-one-time-link`);
  return { id, url: link.body.meta['one-time-link'] as string };
}

const open = async (url: string) => {
  const response = await getResponse(
    mock.handlers,
    new Request(url, { headers: { 'User-Agent': 'test-browser' } }),
  );
  return { status: response!.status, headers: response!.headers, html: await response!.text() };
};

const submit = async (url: string, fields: Record<string, string>) =>
  (await getResponse(
    mock.handlers,
    new Request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    }),
  ))!;

const tokenIn = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1] ?? '';
const gov = `step:${seedIds.verificationTemplates.governmentId}`;
const selfie = `step:${seedIds.verificationTemplates.selfie}`;

describe('hosted-flow stand-in page', () => {
  it('shows one step per verification, once: a second open finds the link used', async () => {
    const { id, url } = await linkFor();
    const page = await open(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.html).toContain('Government ID and Selfie');
    expect(page.html).toContain(`name="${gov}"`);
    expect(page.html).toContain(`name="${selfie}"`);
    expect(page.html).not.toContain('<script');
    const [session] = (await call('GET', `/inquiry-sessions?filter[inquiry-id]=${id}`)).body.data;
    expect(session.attributes).toMatchObject({ status: 'active', 'user-agent': 'test-browser' });
    expect(session.attributes['started-at']).not.toBeNull();

    const second = await open(url);
    expect(second.status).toBe(410);
    expect(second.html).toContain('already');
    expect((await open(`${url}x`)).status).toBe(404);
  });

  it('completes the inquiry from the form; the default workflow approves it; the person is redirected', async () => {
    const { id, url } = await linkFor({
      'redirect-uri': 'https://app.example.test/done?from=persona',
    });
    const token = tokenIn((await open(url)).html);
    const answer = await submit(url, { token, [gov]: 'passed', [selfie]: 'passed' });
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://app.example.test/done');
    expect(location.searchParams.get('from')).toBe('persona');
    expect(location.searchParams.get('inquiry-id')).toBe(id);
    const inquiry = (await call('GET', `/inquiries/${id}`)).body.data;
    expect(inquiry.attributes.status).toBe('approved');
    expect(inquiry.relationships.verifications.data).toHaveLength(2);
    const names = (await call('GET', `/events?filter[object-id]=${id}`)).body.data.map(
      (e: { attributes: { name: string } }) => e.attributes.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['inquiry.started', 'inquiry.completed', 'inquiry.approved']),
    );
  });

  it('a failed step leaves the inquiry for review and, with no redirect URI, shows done', async () => {
    const { id, url } = await linkFor();
    const token = tokenIn((await open(url)).html);
    const answer = await submit(url, { token, [gov]: 'passed', [selfie]: 'failed' });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Done');
    const inquiry = (await call('GET', `/inquiries/${id}`)).body.data;
    expect(inquiry.attributes.status).toBe('completed');
    const cases = (await call('GET', '/cases')).body.data;
    expect(cases.length).toBeGreaterThan(0);
  });

  it('refuses a form without the session token, without every step, or not a form', async () => {
    const { id, url } = await linkFor();
    const token = tokenIn((await open(url)).html);
    expect(
      (await submit(url, { token: 'wrong', [gov]: 'passed', [selfie]: 'passed' })).status,
    ).toBe(403);
    const missing = await submit(url, { token, [gov]: 'passed' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Selfie');
    const json = await getResponse(
      mock.handlers,
      new Request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      }),
    );
    expect(json!.status).toBe(400);
    expect((await call('GET', `/inquiries/${id}`)).body.data.attributes.status).toBe('created');
  });

  it('refuses a link whose session expired on the clock', async () => {
    const { url } = await linkFor();
    await getResponse(
      mock.handlers,
      new Request('http://127.0.0.1/__mock/clock', {
        method: 'POST',
        headers: { Authorization: 'Bearer key-test', 'Content-Type': 'application/json' },
        body: JSON.stringify({ advance: '25h' }),
      }),
    );
    expect((await open(url)).status).toBe(410);
  });
});
