import { validateWebhook } from '@persona-kit/spec';
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { seedIds } from '../index.js';
import { freshMockPerTest, valid } from '../test-support/fresh-mock.js';

const fresh = freshMockPerTest();
const { call } = fresh;

const PDF = { filename: 'bill.pdf', data: 'JVBERi0xLjQK' };
const PHOTO = { filename: 'front.jpg', data: '/9j/4AAQSkZJRgABAQ==' };

async function newInquiry(attributes: Record<string, unknown> = {}) {
  const created = await call('POST', '/inquiries', {
    data: {
      attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId, ...attributes },
    },
  });
  return created.body.data.id as string;
}

const eventNames = (objectId: string) =>
  [...fresh.mock().core.orgFor('key-test').collection('events').values()]
    .filter((e) => (e.attributes.payload as { data: { id: string } }).data.id === objectId)
    .map((e) => e.attributes.name);

const fetchFile = async (url: string) =>
  (await getResponse(fresh.mock().handlers, new Request(url)))!;

describe('generic documents', () => {
  it('goes from initiated to processed through update and submit, listed by its inquiry', async () => {
    const inquiry = await newInquiry();
    const created = valid(
      await call('POST', '/document/generics', {
        data: { attributes: { kind: 'proof_of_address', 'inquiry-id': inquiry } },
      }),
    );
    expect(created.status).toBe(201);
    const doc = created.body.data;
    expect(doc).toMatchObject({
      type: 'document/generic',
      attributes: { status: 'initiated', kind: 'proof_of_address', files: [] },
      relationships: { inquiry: { data: { type: 'inquiry', id: inquiry } } },
    });
    // Nothing to process yet.
    expect(valid(await call('POST', `/document/generics/${doc.id}/submit`)).status).toBe(422);
    const updated = valid(
      await call('PATCH', `/document/generics/${doc.id}`, {
        data: { attributes: { files: [PDF], kind: 'utility_bill' } },
      }),
    ).body.data;
    expect(updated.attributes.kind).toBe('utility_bill');
    expect(updated.attributes.files).toEqual([
      { filename: 'bill.pdf', 'byte-size': 9, url: expect.stringContaining('/__mock/files/') },
    ]);
    const submitted = valid(await call('POST', `/document/generics/${doc.id}/submit`)).body.data;
    expect(submitted.attributes).toMatchObject({ status: 'processed', 'document-type': 'other' });
    expect(submitted.attributes['files-normalized']).toEqual(submitted.attributes.files);
    expect(eventNames(doc.id)).toEqual([
      'document.created',
      'document.submitted',
      'document.processed',
    ]);
    const listed = (await call('GET', `/inquiries/${inquiry}`)).body.data.relationships.documents;
    expect(listed.data).toEqual([{ type: 'document/generic', id: doc.id }]);
    expect(valid(await call('GET', `/documents/${doc.id}`)).body.data.id).toBe(doc.id);
  });

  it('refuses changes and a second submit once submitted (409)', async () => {
    const doc = (
      await call('POST', '/document/generics', {
        data: { attributes: { kind: 'k', files: [PDF] } },
      })
    ).body.data;
    await call('POST', `/document/generics/${doc.id}/submit`);
    const patched = valid(
      await call('PATCH', `/document/generics/${doc.id}`, { data: { attributes: { kind: 'x' } } }),
    );
    expect(patched.status).toBe(409);
    expect(valid(await call('POST', `/document/generics/${doc.id}/submit`)).status).toBe(409);
  });

  it('serves a small file of the kind uploaded, only with its access token', async () => {
    const doc = (
      await call('POST', '/document/generics', {
        data: { attributes: { kind: 'k', files: [PDF] } },
      })
    ).body.data;
    const url = new URL(doc.attributes.files[0].url);
    const served = await fetchFile(url.href);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode(await served.arrayBuffer())).toMatch(/^%PDF-/);
    url.searchParams.set('access_token', 'wrong');
    expect((await fetchFile(url.href)).status).toBe(404);
  });

  it('refuses what is not base64, unknown inquiries and unknown members (422 naming them)', async () => {
    const bad = await call('POST', '/document/generics', {
      data: { attributes: { kind: 'k', files: [{ filename: 'a.pdf', data: '***' }] } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].details).toContain('data.attributes.files[0]');
    const unknown = await call('POST', '/document/generics', {
      data: { attributes: { kind: 'k', 'inquiry-id': `inq_${'0'.repeat(24)}` } },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].details).toContain('inquiry-id');
    const extra = await call('POST', '/document/generics', {
      data: { attributes: { kind: 'k', colour: 'red' } },
    });
    expect(extra.status).toBe(422);
    expect(JSON.stringify(extra.body.errors)).toContain('colour');
  });
});

describe('government ID documents', () => {
  it('reads the class selected and the name given in the inquiry when submitted', async () => {
    const inquiry = await newInquiry({ fields: { 'name-first': 'Ada', 'name-last': 'Byron' } });
    const doc = valid(
      await call('POST', '/document/government-ids', {
        data: {
          attributes: {
            'inquiry-id': inquiry,
            'country-code': 'GB',
            'selected-id-class': 'pp',
          },
        },
      }),
    ).body.data;
    expect(doc.attributes).toMatchObject({ status: 'initiated', 'front-photo': null });
    expect(valid(await call('POST', `/document/government-ids/${doc.id}/submit`)).status).toBe(422);
    valid(
      await call('PATCH', `/document/government-ids/${doc.id}`, {
        data: { attributes: { 'front-photo': { data: [PHOTO] } } },
      }),
    );
    const done = valid(await call('POST', `/document/government-ids/${doc.id}/submit`)).body.data;
    expect(done.attributes).toMatchObject({
      status: 'processed',
      'id-class': 'pp',
      'name-first': 'Ada',
      'name-last': 'Byron',
    });
    expect((await fetchFile(done.attributes['front-photo'].url)).headers.get('content-type')).toBe(
      'image/png',
    );
    // A government ID is not a generic document.
    expect(valid(await call('GET', `/document/generics/${doc.id}`)).status).toBe(404);
  });

  it('is made by a simulated government ID verification, and redacted with its inquiry', async () => {
    const inquiry = await newInquiry({ fields: { 'name-first': 'Ada' } });
    const driven = await call('POST', `/inquiries/${inquiry}/perform-simulate-actions`, {
      meta: {
        'simulate-actions': [
          { type: 'start_inquiry' },
          {
            type: 'create_passed_verification',
            data: { 'verification-template-id': seedIds.verificationTemplates.governmentId },
          },
        ],
      },
    });
    const [document] = driven.body.data.relationships.documents.data;
    expect(document.type).toBe('document/government-id');
    const [verification] = driven.body.data.relationships.verifications.data;
    const read = (await call('GET', `/verifications/${verification.id}`)).body.data;
    expect(read.relationships.document.data).toEqual(document);
    const got = valid(await call('GET', `/documents/${document.id}`)).body.data;
    expect(got.attributes).toMatchObject({ status: 'processed', 'name-first': 'Ada' });
    await call('DELETE', `/inquiries/${inquiry}`);
    const erased = valid(await call('GET', `/documents/${document.id}`)).body.data;
    expect(erased.attributes['name-first']).toBeNull();
  });
});

describe('document and transaction events', () => {
  it('each match the webhook Persona posts for them', async () => {
    const doc = (
      await call('POST', '/document/generics', {
        data: { attributes: { kind: 'k', files: [PDF] } },
      })
    ).body.data;
    await call('POST', `/document/generics/${doc.id}/submit`);
    const txn = (
      await call('POST', '/transactions', {
        data: { attributes: { 'transaction-type-id': 'txntp_Any', 'reference-id': 'buyer-1' } },
      })
    ).body.data;
    await call('PATCH', `/transactions/${txn.id}`, {
      data: { attributes: { status: 'approved' } },
    });
    await call('POST', `/transactions/${txn.id}/label`, { meta: { label: 'ok' } });
    await call('DELETE', `/transactions/${txn.id}`);
    const events = valid(await call('GET', '/events?page[size]=100')).body.data as {
      id: string;
      attributes: { name: string };
    }[];
    const names = events
      .map((e) => e.attributes.name)
      .filter((n) => /^(document|transaction)\./.test(n));
    expect(names.sort()).toEqual([
      'document.created',
      'document.processed',
      'document.submitted',
      'transaction.created',
      'transaction.labeled',
      'transaction.redacted',
      'transaction.status-updated',
    ]);
    for (const event of events) {
      if (!names.includes(event.attributes.name)) continue;
      const body = valid(await call('GET', `/events/${event.id}`)).body;
      expect(validateWebhook({ body }), event.attributes.name).toEqual([]);
    }
  });
});
