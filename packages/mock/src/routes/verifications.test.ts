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

/** An inquiry of Ada Lovelace, through a passed verification of each template named. */
async function inquiryWith(templates: string[]): Promise<{ inquiry: string; ids: string[] }> {
  const created = await call('POST', '/inquiries', {
    data: {
      attributes: {
        'inquiry-template-id': seedIds.inquiryTemplates.governmentId,
        fields: { 'name-first': 'Ada', 'name-last': 'Lovelace' },
      },
    },
  });
  const inquiry = created.body.data.id as string;
  const actions = [
    { type: 'start_inquiry' },
    ...templates.map((t) => ({
      type: 'create_passed_verification',
      data: { 'verification-template-id': t },
    })),
  ];
  valid(
    await call('POST', `/inquiries/${inquiry}/perform-simulate-actions`, {
      meta: { 'simulate-actions': actions },
    }),
  );
  const got = await call('GET', `/inquiries/${inquiry}`);
  const ids = got.body.data.relationships.verifications.data.map((v: { id: string }) => v.id);
  return { inquiry, ids };
}

const pdfText = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

describe('retrieve a verification by its kind', () => {
  it("answers each kind under its own path and 404 under another kind's", async () => {
    const { governmentId, selfie, database } = seedIds.verificationTemplates;
    const { ids } = await inquiryWith([governmentId, selfie, database]);
    const [id, selfieId, databaseId] = ids as [string, string, string];
    const right = [
      ['government-ids', id, 'verification/government-id'],
      ['selfies', selfieId, 'verification/selfie'],
      ['databases', databaseId, 'verification/database'],
    ] as const;
    for (const [path, verification, type] of right) {
      const got = valid(await call('GET', `/verification/${path}/${verification}`));
      expect(got.status).toBe(200);
      expect(got.body.data).toMatchObject({ id: verification, type });
    }
    for (const path of ['selfies', 'databases', 'aamvas', 'government-id-nfcs', 'documents']) {
      const wrong = valid(await call('GET', `/verification/${path}/${id}`));
      expect(wrong.status).toBe(404);
      expect(wrong.body.errors[0].details).toContain(id);
    }
  });

  it('answers 404 for an id that names nothing, whatever the kind', async () => {
    const answer = valid(
      await call('GET', '/verification/phone-numbers/ver_Unknown000000000000000000'),
    );
    expect(answer.status).toBe(404);
  });
});

describe('redact a verification', () => {
  it('erases what it read, empties its checks and keeps its status; its inquiry keeps its own data', async () => {
    const { inquiry, ids } = await inquiryWith([seedIds.verificationTemplates.governmentId]);
    const id = ids[0]!;
    const before = valid(await call('GET', `/verifications/${id}`));
    expect(before.body.data.attributes['name-first']).toBe('Ada');
    expect(before.body.data.attributes.checks.length).toBeGreaterThan(0);
    const redacted = valid(await call('DELETE', `/verifications/${id}`));
    expect(redacted.status).toBe(200);
    expect(redacted.body.data.attributes).toMatchObject({
      status: 'passed',
      'name-first': null,
      'name-last': null,
      checks: [],
    });
    const after = valid(await call('GET', `/verifications/${id}`));
    expect(after.body.data.attributes['name-first']).toBeNull();
    const events = valid(await call('GET', `/events?filter[object-id]=${id}`));
    for (const event of events.body.data) {
      expect(event.attributes.payload.data.attributes['name-first'] ?? null).toBeNull();
    }
    const parent = valid(await call('GET', `/inquiries/${inquiry}`));
    expect(parent.body.data.attributes['name-first']).toBe('Ada');
  });

  it('answers 404 for an unknown verification', async () => {
    expect((await call('DELETE', '/verifications/ver_Unknown000000000000000000')).status).toBe(404);
  });
});

describe('print', () => {
  it('answers a verification and its inquiry as PDF documents that show their attributes', async () => {
    const { inquiry, ids } = await inquiryWith([seedIds.verificationTemplates.governmentId]);
    const id = ids[0]!;
    const verification = valid(await call('GET', `/verifications/${id}/print`));
    expect(verification.status).toBe(200);
    expect(verification.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(verification.body);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain(`verification/government-id ${id}`);
    expect(text).toContain('id_barcode_detection');
    const printed = valid(await call('GET', `/inquiries/${inquiry}/print`));
    expect(pdfText(printed.body)).toContain(`inquiry ${inquiry}`);
    expect(pdfText(printed.body)).toContain(id);
  });

  it('refuses a redacted inquiry and answers 404 for unknown ids', async () => {
    const { inquiry } = await inquiryWith([]);
    await call('DELETE', `/inquiries/${inquiry}`);
    const refused = valid(await call('GET', `/inquiries/${inquiry}/print`));
    expect(refused.status).toBe(409);
    expect((await call('GET', '/verifications/ver_Unknown000000000000000000/print')).status).toBe(
      404,
    );
  });
});
