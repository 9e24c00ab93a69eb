import type { Adapter } from 'lowdb';
import { describe, expect, it } from 'vitest';
import { fixedId } from '../../core/default-seed.js';
import { seedOrg } from '../../core/seed.js';
import type { MockData } from '../../core/store.js';
import { createPersonaMock, type PersonaMock, seedIds } from '../../index.js';
import { startReceiver } from '../../test-support/receiver.js';
import { type Answer, mockClient } from '../../test-support/test-client.js';

type Action = { type: string; data?: Record<string, unknown> };

const valid = (answer: Answer) => {
  expect(answer.violations).toEqual([]);
  return answer;
};

const governmentId = seedIds.verificationTemplates.governmentId;
const passed = (template: string = governmentId): Action => ({
  type: 'create_passed_verification',
  data: { 'verification-template-id': template },
});
const failed = (template: string = governmentId): Action => ({
  type: 'create_failed_verification',
  data: { 'verification-template-id': template },
});
const act = (type: string): Action => ({ type });

function setup(mock: PersonaMock = createPersonaMock()) {
  const call = mockClient(mock);
  const newInquiry = async (fields: Record<string, unknown> = {}, reference?: string) =>
    valid(
      await call('POST', '/inquiries', {
        data: {
          attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId, fields },
        },
        ...(reference ? { meta: { 'auto-create-account-reference-id': reference } } : {}),
      }),
    ).body.data.id as string;
  const simulate = (id: string, actions: unknown) =>
    call('POST', `/inquiries/${id}/perform-simulate-actions`, {
      meta: { 'simulate-actions': actions },
    });
  const eventNames = async (objectId: string) =>
    valid(await call('GET', `/events?filter[object-id]=${objectId}&page[size]=100`))
      .body.data.map((e: { attributes: { name: string } }) => e.attributes.name)
      .reverse();
  return { mock, call, newInquiry, simulate, eventNames };
}

describe('inquiry status actions', () => {
  const cases: { actions: string[]; status: string; stamp: string; event: string }[] = [
    {
      actions: ['start_inquiry'],
      status: 'pending',
      stamp: 'started-at',
      event: 'inquiry.started',
    },
    {
      actions: ['start_inquiry', 'complete_inquiry'],
      status: 'completed',
      stamp: 'completed-at',
      event: 'inquiry.completed',
    },
    {
      actions: ['start_inquiry', 'fail_inquiry'],
      status: 'failed',
      stamp: 'failed-at',
      event: 'inquiry.failed',
    },
    {
      actions: ['expire_inquiry'],
      status: 'expired',
      stamp: 'expired-at',
      event: 'inquiry.expired',
    },
    {
      actions: ['start_inquiry', 'complete_inquiry', 'mark_for_review_inquiry'],
      status: 'needs_review',
      stamp: 'marked-for-review-at',
      event: 'inquiry.marked-for-review',
    },
    {
      actions: ['start_inquiry', 'complete_inquiry', 'approve_inquiry'],
      status: 'approved',
      stamp: 'decisioned-at',
      event: 'inquiry.approved',
    },
    {
      actions: ['start_inquiry', 'fail_inquiry', 'decline_inquiry'],
      status: 'declined',
      stamp: 'decisioned-at',
      event: 'inquiry.declined',
    },
  ];
  for (const { actions, status, stamp, event } of cases) {
    it(`${actions.join(' → ')} leaves the inquiry ${status}, stamps ${stamp} and records ${event}`, async () => {
      const { newInquiry, simulate, eventNames } = setup();
      const id = await newInquiry();
      const answer = valid(await simulate(id, actions.map(act)));
      expect(answer.status).toBe(200);
      expect(answer.body.data.id).toBe(id);
      expect(answer.body.data.attributes.status).toBe(status);
      expect(answer.body.data.attributes[stamp]).not.toBeNull();
      const names = await eventNames(id);
      expect(names[0]).toBe('inquiry.created');
      expect(names.at(-1)).toBe(event);
      expect(names).toHaveLength(actions.length + 1);
    });
  }

  it('an empty list changes nothing', async () => {
    const { newInquiry, simulate } = setup();
    const id = await newInquiry();
    const answer = valid(await simulate(id, []));
    expect(answer.body.data.attributes.status).toBe('created');
  });
});

describe('verification actions', () => {
  const kinds = [
    ['government-id', seedIds.verificationTemplates.governmentId, 'id_portrait_detection'],
    ['selfie', seedIds.verificationTemplates.selfie, 'selfie_id_comparison'],
    ['database', seedIds.verificationTemplates.database, 'database_identity_comparison'],
  ] as const;
  for (const [kind, template, failingCheck] of kinds) {
    it(`creates a passed and a failed verification/${kind}, related both ways and retrievable`, async () => {
      const { call, newInquiry, simulate, eventNames } = setup();
      const id = await newInquiry({ 'name-first': 'Ingrid', 'name-last': 'Solberg' });
      const answer = valid(
        await simulate(id, [act('start_inquiry'), passed(template), failed(template)]),
      );
      const linked = answer.body.data.relationships.verifications.data;
      expect(linked).toHaveLength(2);
      const [good, bad] = await Promise.all(
        linked.map(async (link: { type: string; id: string }) => {
          expect(link.type).toBe(`verification/${kind}`);
          expect(link.id).toMatch(/^ver_/);
          return valid(await call('GET', `/verifications/${link.id}`)).body.data;
        }),
      );
      expect(good.type).toBe(`verification/${kind}`);
      expect(good.attributes.status).toBe('passed');
      expect(good.attributes['completed-at']).not.toBeNull();
      expect(good.attributes.checks.length).toBeGreaterThan(0);
      for (const check of good.attributes.checks) {
        expect(check).toMatchObject({ status: 'passed', reasons: [] });
      }
      expect(bad.attributes.status).toBe('failed');
      const failing = bad.attributes.checks.filter(
        (c: { status: string }) => c.status === 'failed',
      );
      expect(failing.map((c: { name: string }) => c.name)).toEqual([failingCheck]);
      expect(failing[0].reasons.length).toBeGreaterThan(0);
      expect(good.relationships.inquiry.data).toEqual({ type: 'inquiry', id });
      expect(good.relationships['verification-template'].data).toEqual({
        type: `verification-template/${kind}`,
        id: template,
      });
      expect(await eventNames(good.id)).toEqual(['verification.created', 'verification.passed']);
      expect(await eventNames(bad.id)).toEqual(['verification.created', 'verification.failed']);
    });
  }

  it('a government ID verification reads the name the person entered', async () => {
    const { call, newInquiry, simulate } = setup();
    const id = await newInquiry({ 'name-first': 'Ingrid', 'name-last': 'Solberg' });
    const answer = valid(await simulate(id, [act('start_inquiry'), passed()]));
    const verId = answer.body.data.relationships.verifications.data[0].id;
    const verification = valid(await call('GET', `/verifications/${verId}`)).body.data;
    expect(verification.attributes['name-first']).toBe('Ingrid');
    expect(verification.attributes['name-last']).toBe('Solberg');
    const included = valid(await call('GET', `/inquiries/${id}?include=verifications`)).body
      .included;
    expect(included.map((r: { id: string }) => r.id)).toEqual([verId]);
    const withInquiry = valid(await call('GET', `/verifications/${verId}?include=inquiry`)).body;
    expect(withInquiry.included.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('an unknown verification id is a 404', async () => {
    const { call } = setup();
    const answer = valid(await call('GET', `/verifications/ver_${'0'.repeat(24)}`));
    expect(answer.status).toBe(404);
  });
});

describe('refused actions', () => {
  // Setup actions, then the action that the reached status does not allow.
  const impossible: [string[], Action, string][] = [
    [[], act('complete_inquiry'), 'it has not been started'],
    [[], act('fail_inquiry'), 'it has not been started'],
    [[], act('mark_for_review_inquiry'), 'it has not been started'],
    [[], passed(), 'it has not been started'],
    [['start_inquiry'], act('start_inquiry'), 'its status is pending'],
    [['start_inquiry', 'complete_inquiry'], act('complete_inquiry'), 'its status is completed'],
    [['start_inquiry', 'complete_inquiry'], act('expire_inquiry'), 'its status is completed'],
    [['start_inquiry', 'complete_inquiry'], failed(), 'its status is completed'],
    [['start_inquiry', 'fail_inquiry'], act('complete_inquiry'), 'its status is failed'],
    [['expire_inquiry'], act('approve_inquiry'), 'it has expired; resume it first'],
    [['expire_inquiry'], act('start_inquiry'), 'it has expired; resume it first'],
    [['approve_inquiry'], act('decline_inquiry'), 'it was already approved'],
    [['decline_inquiry'], act('mark_for_review_inquiry'), 'it was already declined'],
    [
      ['start_inquiry', 'complete_inquiry', 'mark_for_review_inquiry'],
      act('mark_for_review_inquiry'),
      'its status is needs_review',
    ],
  ];
  for (const [before, action, why] of impossible) {
    it(`${[...before, action.type].join(' → ')} is a 409 naming the action (${why})`, async () => {
      const { newInquiry, simulate, call } = setup();
      const id = await newInquiry();
      const answer = valid(await simulate(id, [...before.map(act), action]));
      expect(answer.status).toBe(409);
      const details: string = answer.body.errors[0].details;
      expect(details).toContain(`meta.simulate-actions[${before.length}] (${action.type})`);
      expect(details).toContain(why);
      // Nothing of the list was applied.
      const after = valid(await call('GET', `/inquiries/${id}`)).body.data;
      expect(after.attributes.status).toBe('created');
      expect(after.relationships.verifications.data).toEqual([]);
    });
  }

  it('applies nothing of a list with a refused action: no status, verification or event', async () => {
    const { mock, newInquiry, simulate, call, eventNames } = setup();
    const id = await newInquiry();
    const answer = valid(
      await simulate(id, [
        act('start_inquiry'),
        passed(),
        act('complete_inquiry'),
        act('complete_inquiry'),
      ]),
    );
    expect(answer.status).toBe(409);
    expect(answer.body.errors[0].details).toContain('meta.simulate-actions[3]');
    const after = valid(await call('GET', `/inquiries/${id}`)).body.data;
    expect(after.attributes.status).toBe('created');
    expect(after.attributes['started-at']).toBeNull();
    expect(after.relationships.verifications.data).toEqual([]);
    expect(mock.core.orgFor('key-test').collection('verifications').size).toBe(0);
    expect(await eventNames(id)).toEqual(['inquiry.created']);
  });

  it('refuses an unknown verification template, naming the field (422)', async () => {
    const { newInquiry, simulate, call } = setup();
    const id = await newInquiry();
    const unknown = `vtmpl_${'9'.repeat(24)}`;
    const answer = valid(await simulate(id, [act('start_inquiry'), passed(unknown)]));
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].details).toContain(
      'meta.simulate-actions[1].data.verification-template-id',
    );
    expect(valid(await call('GET', `/inquiries/${id}`)).body.data.attributes.status).toBe(
      'created',
    );
  });

  it("refuses another organization's verification template (422)", async () => {
    const { mock, newInquiry, simulate } = setup();
    const foreign = fixedId('vtmpl', 'OtherOrg');
    seedOrg(
      mock.core.orgFor('key-other'),
      {
        verificationTemplates: [
          { id: foreign, name: 'Other', verificationType: 'verification/selfie' },
        ],
      },
      mock.core.now(),
    );
    const id = await newInquiry();
    const answer = valid(await simulate(id, [act('start_inquiry'), passed(foreign)]));
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].details).toContain(foreign);
  });

  const malformed: [string, unknown][] = [
    ['an unknown action type', [act('start_inquiry'), act('teleport_inquiry')]],
    [
      'a verification action without data',
      [act('start_inquiry'), act('create_passed_verification')],
    ],
    ['an action that is not an object', ['start_inquiry']],
    ['a list that is not a list', { type: 'start_inquiry' }],
  ];
  for (const [what, actions] of malformed) {
    it(`refuses ${what} with a 4xx naming the field`, async () => {
      const { newInquiry, simulate, call } = setup();
      const id = await newInquiry();
      const answer = valid(await simulate(id, actions));
      expect([400, 422]).toContain(answer.status);
      expect(JSON.stringify(answer.body.errors)).toContain('simulate-actions');
      expect(valid(await call('GET', `/inquiries/${id}`)).body.data.attributes.status).toBe(
        'created',
      );
    });
  }

  it('refuses a redacted inquiry (409) and an unknown one (404)', async () => {
    const { newInquiry, simulate, call } = setup();
    const id = await newInquiry();
    valid(await call('DELETE', `/inquiries/${id}`));
    expect(valid(await simulate(id, [act('start_inquiry')])).status).toBe(409);
    expect(valid(await simulate(`inq_${'0'.repeat(24)}`, [act('start_inquiry')])).status).toBe(404);
  });
});

describe('verifications elsewhere', () => {
  const drive = async (s: ReturnType<typeof setup>, reference?: string) => {
    const id = await s.newInquiry({ 'name-first': 'Ingrid', 'name-last': 'Solberg' }, reference);
    const answer = valid(await s.simulate(id, [act('start_inquiry'), passed()]));
    return { id, verId: answer.body.data.relationships.verifications.data[0].id as string };
  };

  it("redacting an inquiry erases its verifications' personal data and their events", async () => {
    const s = setup();
    const { id, verId } = await drive(s);
    valid(await s.call('DELETE', `/inquiries/${id}`));
    const verification = valid(await s.call('GET', `/verifications/${verId}`)).body.data;
    expect(verification.attributes['name-first']).toBeNull();
    expect(verification.attributes['name-last']).toBeNull();
    expect(verification.attributes.status).toBe('passed');
    const events = valid(await s.call('GET', `/events?filter[object-id]=${verId}`)).body.data;
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.attributes['redacted-at']).not.toBeNull();
      expect(event.attributes.payload.data.attributes['name-first']).toBeNull();
    }
  });

  it("redacting an account reaches its inquiries' verifications", async () => {
    const s = setup();
    const { id, verId } = await drive(s, 'person-redacted');
    const accountId = valid(await s.call('GET', `/inquiries/${id}`)).body.data.relationships.account
      .data.id;
    valid(await s.call('DELETE', `/accounts/${accountId}`));
    const verification = valid(await s.call('GET', `/verifications/${verId}`)).body.data;
    expect(verification.attributes['name-first']).toBeNull();
  });

  it('a case takes a verification in meta.object-ids', async () => {
    const s = setup();
    const { verId } = await drive(s);
    const created = valid(
      await s.call('POST', '/cases', {
        data: { attributes: { 'case-template-id': seedIds.caseTemplates.review } },
        meta: { 'object-ids': [verId] },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.data.relationships.verifications.data).toEqual([
      { type: 'verification/government-id', id: verId },
    ]);
  });
});

describe('simulate and webhooks', () => {
  it('delivers the events of a simulated flow to a webhook enabled for them, in order', async () => {
    const s = setup();
    const hooks = await startReceiver();
    try {
      const made = valid(
        await s.call('POST', '/webhooks', {
          data: {
            attributes: {
              url: hooks.url,
              'enabled-events': ['verification.passed', 'inquiry.completed', 'inquiry.approved'],
            },
          },
        }),
      );
      valid(await s.call('POST', `/webhooks/${made.body.data.id}/enable`));
      const id = await s.newInquiry();
      valid(
        await s.simulate(id, [
          act('start_inquiry'),
          passed(),
          act('complete_inquiry'),
          act('approve_inquiry'),
        ]),
      );
      await s.mock.deliveries.settle();
      const names = hooks.received.map((r) => r.json.data.attributes.name);
      expect(names).toEqual(['verification.passed', 'inquiry.completed', 'inquiry.approved']);
      const approved = hooks.received[2]!.json.data.attributes.payload.data;
      expect(approved.attributes.status).toBe('approved');
      expect(approved.relationships.verifications.data).toHaveLength(1);
    } finally {
      await hooks.close();
    }
  });
});

/** A store whose writes take a while, so requests interleave as they do against a file. */
const slowDisk = (): Adapter<MockData> => ({
  read: async () => null,
  write: () => new Promise((resolve) => setTimeout(resolve, 3)),
});

describe('simulate under concurrency', () => {
  it('two racing lists on one inquiry: one applies whole, the other is refused whole', async () => {
    const s = setup(createPersonaMock({ storage: slowDisk() }));
    const id = await s.newInquiry();
    const [a, b] = await Promise.all([
      s.simulate(id, [act('start_inquiry'), passed(), act('complete_inquiry')]),
      s.simulate(id, [act('start_inquiry'), failed(), act('fail_inquiry')]),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const after = valid(await s.call('GET', `/inquiries/${id}`)).body.data;
    expect(after.attributes.status).toBe(winner.body.data.attributes.status);
    expect(after.relationships.verifications.data).toHaveLength(1);
    const names = await s.eventNames(id);
    expect(names.filter((n: string) => n === 'inquiry.started')).toHaveLength(1);
    expect(names).toHaveLength(3);
  });
});
