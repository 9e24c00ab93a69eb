// The spec's `webhooks`: one entry per event name, each posting an event
// document whose `name` is that event and whose payload is the right object.
import { describe, expect, it } from 'vitest';
import { document, spec } from './index.js';
import { getByPointer, joinPointer, resolveRef } from './pointer.js';
import { governmentId } from './test-support/verification.js';

const webhooks = (document as { webhooks?: Record<string, unknown> }).webhooks ?? {};
const bodyPointer = (name: string) =>
  joinPointer('', 'webhooks', name, 'post', 'requestBody', 'content', 'application/json', 'schema');

/** The payload of `GET <path>`'s first 200 example: an object as the API answers it. */
function answered(path: string): unknown {
  const media = getByPointer(
    document,
    joinPointer('', 'paths', path, 'get', 'responses', '200', 'content', 'application/json'),
  ) as { examples: Record<string, unknown> };
  const [first] = Object.values(media.examples);
  return (
    resolveRef<{ value: { data: unknown } }>(document, first, '').value.value as {
      data: unknown;
    }
  ).data;
}

function event(name: string, data: unknown) {
  return {
    data: {
      type: 'event',
      id: 'evt_V9bxyK2pWmQ3r8LsT4nJ6hD1',
      attributes: { name, payload: { data }, 'created-at': '2025-01-01T00:00:00.000Z' },
    },
  };
}

function problems(name: string, body: unknown) {
  const validate = spec.schemaValidator(bodyPointer(name));
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('webhooks', () => {
  it('describes one delivery per event name, each naming its own event', () => {
    const names = Object.keys(webhooks);
    expect(names).toContain('account.created');
    expect(names).toContain('report/watchlist.ready');
    for (const name of names) {
      const schema = resolveRef<Record<string, unknown>>(
        document,
        getByPointer(document, bodyPointer(name)),
        '',
      );
      const constName = getByPointer(
        schema.value,
        '/properties/data/properties/attributes/properties/name/const',
      );
      expect(constName, name).toBe(name);
    }
  });

  it.each([
    ['account.created', '/accounts/{account-id}'],
    ['inquiry.completed', '/inquiries/{inquiry-id}'],
    ['case.assigned', '/cases/{case-id}'],
    ['report/watchlist.ready', '/reports/{report-id}'],
    ['workflow-run.created', '/workflow-runs/{workflow-run-id}'],
  ])('carries in %s the object as %s answers it', (name, path) => {
    expect(problems(name, event(name, answered(path)))).toEqual([]);
  });

  it('refuses an event under another name, or with another kind of object', () => {
    const account = answered('/accounts/{account-id}');
    expect(problems('account.created', event('account.redacted', account))).not.toEqual([]);
    expect(problems('inquiry.created', event('inquiry.created', account))).not.toEqual([]);
  });

  it('carries verifications of the kinds it describes, and of kinds it does not', () => {
    expect(problems('verification.passed', event('verification.passed', governmentId))).toEqual([]);
    const phone = {
      ...governmentId,
      type: 'verification/phone-number',
      attributes: { status: 'initiated' },
    };
    expect(problems('verification.created', event('verification.created', phone))).toEqual([]);
    // A described kind is held to its schema: a government ID's name is text.
    const wrong = { ...governmentId, attributes: { ...governmentId.attributes, 'name-first': 7 } };
    expect(problems('verification.passed', event('verification.passed', wrong))).not.toEqual([]);
  });
});
