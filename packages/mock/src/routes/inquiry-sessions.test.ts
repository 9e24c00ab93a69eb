import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { type Answer, adminCall, mockClient } from '../test-support/test-client.js';

let mock: PersonaMock;
let call: ReturnType<typeof mockClient>;

beforeEach(() => {
  mock = createPersonaMock();
  call = mockClient(mock);
});

const valid = (answer: Answer) => {
  expect(answer.violations).toEqual([]);
  return answer;
};

async function newInquiry(): Promise<string> {
  const created = valid(
    await call('POST', '/inquiries', {
      data: { attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId } },
    }),
  );
  return created.body.data.id;
}

const sessionsOf = async (inquiryId: string) =>
  valid(await call('GET', `/inquiry-sessions?filter[inquiry-id]=${inquiryId}`)).body.data;

describe('one-time links', () => {
  it('answers a link to the hosted-flow page on the origin asked, backed by a new session', async () => {
    const id = await newInquiry();
    const answer = valid(await call('POST', `/inquiries/${id}/generate-one-time-link`));
    expect(answer.status).toBe(200);
    expect(answer.body.data.id).toBe(id);
    expect(answer.body.meta['one-time-link']).toMatch(
      /^https:\/\/api\.withpersona\.com\/__mock\/flow\/[A-Za-z0-9]{32}$/,
    );
    const [session] = await sessionsOf(id);
    expect(session).toMatchObject({
      type: 'inquiry-session',
      attributes: { status: 'new', 'started-at': null, 'expired-at': null },
      relationships: { inquiry: { data: { type: 'inquiry', id } } },
    });
    expect(session.id).toMatch(/^iqse_[A-Za-z0-9]{24}$/);
  });

  it('takes an expiry in seconds, refuses one that is not positive, and 404s an unknown inquiry', async () => {
    const id = await newInquiry();
    const bad = valid(
      await call('POST', `/inquiries/${id}/generate-one-time-link`, {
        meta: { 'expires-in-seconds': 0 },
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].details).toContain('expires-in-seconds');
    const missing = await call('POST', `/inquiries/inq_${'0'.repeat(24)}/generate-one-time-link`);
    expect(missing.status).toBe(404);
    const ok = valid(
      await call('POST', `/inquiries/${id}/generate-one-time-link`, {
        meta: { 'expires-in-seconds': 60 },
      }),
    );
    expect(ok.status).toBe(200);
    await adminCall(mock, 'POST', '/__mock/clock', { advance: '61s' });
    const [session] = await sessionsOf(id);
    expect(session.attributes.status).toBe('expired');
    expect(
      Date.parse(session.attributes['expired-at']) - Date.parse(session.attributes['created-at']),
    ).toBe(60_000);
  });
});

describe('inquiry sessions', () => {
  it('lists, retrieves and expires the sessions of resume and of one-time links', async () => {
    const id = await newInquiry();
    const other = await newInquiry();
    const token = valid(await call('POST', `/inquiries/${id}/resume`)).body.meta['session-token'];
    valid(await call('POST', `/inquiries/${id}/generate-one-time-link`));
    valid(await call('POST', `/inquiries/${other}/generate-one-time-link`));
    const sessions = await sessionsOf(id);
    expect(sessions).toHaveLength(2);
    expect(valid(await call('GET', '/inquiry-sessions')).body.data).toHaveLength(3);
    // The resume token names its session.
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(sessions.map((s: { id: string }) => s.id)).toContain(claims.sid);

    const got = valid(await call('GET', `/inquiry-sessions/${claims.sid}`));
    expect(got.body.data.attributes.status).toBe('new');
    const expired = valid(await call('POST', `/inquiry-sessions/${claims.sid}/expire`));
    expect(expired.body.data.attributes.status).toBe('expired');
    expect(expired.body.data.attributes['expired-at']).not.toBeNull();
    // Again: answered as it is.
    const again = valid(await call('POST', `/inquiry-sessions/${claims.sid}/expire`));
    expect(again.body.data.attributes['expired-at']).toBe(
      expired.body.data.attributes['expired-at'],
    );
    // An expired session is not reused by resume.
    const next = valid(await call('POST', `/inquiries/${id}/resume`)).body.meta['session-token'];
    expect(next).not.toBe(token);
    expect(await sessionsOf(id)).toHaveLength(3);
  });

  it('expires the sessions of an expired inquiry, and keeps organizations apart', async () => {
    const id = await newInquiry();
    valid(await call('POST', `/inquiries/${id}/generate-one-time-link`));
    valid(await call('POST', `/inquiries/${id}/expire`));
    const [session] = await sessionsOf(id);
    expect(session.attributes.status).toBe('expired');
    const stranger = mockClient(mock, 'someone-else');
    expect((await stranger('GET', `/inquiry-sessions/${session.id}`)).status).toBe(404);
    expect((await stranger('GET', '/inquiry-sessions')).body.data).toEqual([]);
    expect((await call('GET', `/inquiry-sessions/iqse_${'0'.repeat(24)}`)).status).toBe(404);
    expect((await call('GET', '/inquiry-sessions/not-an-id')).status).toBe(404);
  });
});

const createSession = (inquiryId: string) =>
  call('POST', '/inquiry-sessions', { data: { attributes: { 'inquiry-id': inquiryId } } });

const eventNames = () =>
  [...mock.core.orgFor('key-test').collection('events').values()].map((e) => e.attributes.name);

describe('create an inquiry session', () => {
  it('opens a new session that the inquiry lists among its sessions', async () => {
    const inquiry = await newInquiry();
    const created = valid(await createSession(inquiry));
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      type: 'inquiry-session',
      attributes: { status: 'new', 'started-at': null },
      relationships: { inquiry: { data: { type: 'inquiry', id: inquiry } } },
    });
    const got = valid(await call('GET', `/inquiries/${inquiry}`));
    expect(got.body.data.relationships.sessions.data).toEqual([
      { type: 'inquiry-session', id: created.body.data.id },
    ]);
  });

  it('refuses a 26th session, a decided or redacted inquiry (409) and an unknown one (404)', async () => {
    const inquiry = await newInquiry();
    for (let i = 0; i < 25; i++) expect((await createSession(inquiry)).status).toBe(201);
    const full = valid(await createSession(inquiry));
    expect(full.status).toBe(409);
    expect(full.body.errors[0].details).toContain('25 sessions');
    const declined = await newInquiry();
    await call('POST', `/inquiries/${declined}/decline`);
    expect(valid(await createSession(declined)).status).toBe(409);
    const redacted = await newInquiry();
    await call('DELETE', `/inquiries/${redacted}`);
    expect(valid(await createSession(redacted)).status).toBe(409);
    expect(valid(await createSession('inq_Unknown000000000000000000')).status).toBe(404);
  });
});

describe('expire the sessions of inquiries', () => {
  it('ends every open session of the inquiries named, answers them, and records inquiry-session.expired', async () => {
    const [a, b, other] = [await newInquiry(), await newInquiry(), await newInquiry()];
    const sessions = [
      (await createSession(a)).body.data.id,
      (await createSession(a)).body.data.id,
      (await createSession(b)).body.data.id,
    ];
    const untouched = (await createSession(other)).body.data.id;
    await call('POST', `/inquiry-sessions/${sessions[1]}/expire`);
    const ended = valid(
      await call('POST', '/inquiry-sessions/expire-all', { meta: { 'inquiry-ids': [a, b] } }),
    );
    expect(ended.status).toBe(200);
    expect(ended.body.data.map((s: { id: string }) => s.id).sort()).toEqual(
      [sessions[0], sessions[2]].sort(),
    );
    expect(ended.body.data.every((s: Answer['body']) => s.attributes.status === 'expired')).toBe(
      true,
    );
    expect(eventNames().filter((n) => n === 'inquiry-session.expired')).toHaveLength(3);
    const kept = valid(await call('GET', `/inquiry-sessions/${untouched}`));
    expect(kept.body.data.attributes.status).toBe('new');
  });

  it('names the inquiry ids it does not know (422)', async () => {
    const answer = valid(
      await call('POST', '/inquiry-sessions/expire-all', {
        meta: { 'inquiry-ids': ['inq_Unknown000000000000000000'] },
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].details).toContain('inq_Unknown000000000000000000');
  });
});

describe("a session's one-time link", () => {
  it('opens the hosted flow in that session, which starts it and records inquiry-session.started', async () => {
    const inquiry = await newInquiry();
    const session = (await createSession(inquiry)).body.data.id;
    const linked = valid(await call('POST', `/inquiry-sessions/${session}/generate-one-time-link`));
    expect(linked.body.data.id).toBe(session);
    const link = linked.body.meta['one-time-link'] as string;
    const page = await getResponse(mock.handlers, new Request(link));
    expect(page?.status).toBe(200);
    const started = valid(await call('GET', `/inquiry-sessions/${session}`));
    expect(started.body.data.attributes.status).toBe('active');
    expect(eventNames()).toContain('inquiry-session.started');
  });

  it('refuses an expired session (409)', async () => {
    const inquiry = await newInquiry();
    const session = (await createSession(inquiry)).body.data.id;
    await call('POST', `/inquiry-sessions/${session}/expire`);
    const refused = valid(
      await call('POST', `/inquiry-sessions/${session}/generate-one-time-link`),
    );
    expect(refused.status).toBe(409);
  });
});
