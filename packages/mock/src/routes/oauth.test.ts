import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock } from '../index.js';
import { adminCall, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;

beforeEach(() => {
  mock = createPersonaMock();
});

/** Posts form fields, as OAuth's operations take them. */
async function form(path: string, key: string, fields: Record<string, string>) {
  const response = await getResponse(
    mock.handlers,
    new Request(`https://api.withpersona.com/api/v1${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${key}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields).toString(),
    }),
  );
  // biome-ignore lint/suspicious/noExplicitAny: test documents are read freely
  return { status: response?.status, body: (await response?.json()) as any };
}

/** An inquiry of the granting organization, and the other organization's id. */
async function setUp() {
  const owner = mockClient(mock, 'owner');
  const inquiry = await owner('POST', '/inquiries', {
    data: { attributes: { 'inquiry-template-id': 'itmpl_GovernmentId000000000000' } },
  });
  expect(inquiry.status).toBe(201);
  const partner = await adminCall(mock, 'GET', '/__mock/state', undefined, 'partner');
  return { inquiryId: inquiry.body.data.id as string, partnerOrg: partner.body.organization };
}

describe('OAuth', () => {
  it('exchanges a code once for a token that reads the granting organization', async () => {
    const { inquiryId, partnerOrg } = await setUp();
    const scope = `inquiry.read:${inquiryId}`;
    const code = await form('/oauth/authorize', 'owner', {
      'client-id': partnerOrg,
      'response-type': 'code',
      scope,
    });
    expect(code.status).toBe(201);
    expect(code.body['expires-in']).toBe(600);

    const token = await form('/oauth/token', 'partner', {
      code: code.body.code,
      'grant-type': 'authorization_code',
    });
    expect(token.status).toBe(201);
    expect(token.body).toMatchObject({ 'token-type': 'bearer', 'expires-in': 3600, scope });
    const viaToken = mockClient(mock, token.body['access-token']);
    const read = await viaToken('GET', `/inquiries/${inquiryId}`);
    expect(read.status).toBe(200);
    expect(read.violations).toEqual([]);

    const again = await form('/oauth/token', 'partner', {
      code: code.body.code,
      'grant-type': 'authorization_code',
    });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].details).toMatch(/already exchanged/);

    await adminCall(mock, 'POST', '/__mock/clock', { advance: '61m' }, 'owner');
    expect((await viaToken('GET', `/inquiries/${inquiryId}`)).status).toBe(401);
  });

  it('answers a bad grant with 400 naming what is wrong', async () => {
    const { inquiryId, partnerOrg } = await setUp();
    const code = (
      await form('/oauth/authorize', 'owner', {
        'client-id': partnerOrg,
        'response-type': 'code',
        scope: `inquiry.read:${inquiryId}`,
      })
    ).body.code;
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['partner', { code, 'grant-type': 'client_credentials' }, /grant-type/],
      [
        'partner',
        { code: 'not-a-code', 'grant-type': 'authorization_code' },
        /not an authorization code/,
      ],
      ['owner', { code, 'grant-type': 'authorization_code' }, /another organization/],
    ];
    for (const [key, fields, details] of cases) {
      const answer = await form('/oauth/token', key, fields);
      expect(answer.status, JSON.stringify(fields)).toBe(400);
      expect(answer.body.errors[0].details).toMatch(details);
    }
    await adminCall(mock, 'POST', '/__mock/clock', { advance: '11m' }, 'owner');
    const expired = await form('/oauth/token', 'partner', {
      code,
      'grant-type': 'authorization_code',
    });
    expect(expired.status).toBe(400);
    expect(expired.body.errors[0].details).toMatch(/expired/);
  });

  it('refuses a scope that is malformed or names an object the organization lacks', async () => {
    const { partnerOrg } = await setUp();
    const ask = (scope: string) =>
      form('/oauth/authorize', 'owner', {
        'client-id': partnerOrg,
        'response-type': 'code',
        scope,
      });
    expect((await ask('everything')).status).toBe(422);
    expect((await ask('inquiry.read:inq_Mv6Tc3Lx8Qb2Nh7Wz4Kr9Fs5')).status).toBe(404);
    const missing = await form('/oauth/authorize', 'owner', {
      'response-type': 'code',
      scope: 'x',
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].details).toContain('client-id');
  });
});
