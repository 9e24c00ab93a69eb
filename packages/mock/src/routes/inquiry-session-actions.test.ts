import { getResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { type Answer, mockClient } from '../test-support/test-client.js';

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
