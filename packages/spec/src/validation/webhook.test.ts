import { describe, expect, it } from 'vitest';
import { validateWebhook } from '../index.js';
import { inflectKeys } from '../inflection.js';
import { governmentId } from '../test-support/verification.js';

const verification = governmentId;

const delivery = (name: string, data: unknown = verification) => ({
  data: {
    type: 'event',
    id: 'evt_V9bxyK2pWmQ3r8LsT4nJ6hD1',
    attributes: { name, payload: { data }, 'created-at': '2025-01-01T00:01:00.000Z' },
  },
});

describe('validateWebhook', () => {
  it('passes a delivery that fits its event, named by the body or by the caller', () => {
    expect(validateWebhook({ body: delivery('verification.passed') })).toEqual([]);
    expect(
      validateWebhook({ name: 'verification.passed', body: delivery('verification.passed') }),
    ).toEqual([]);
  });

  it('reports a payload that breaks the schema, naming the webhook and the member', () => {
    const wrong = delivery('verification.passed', {
      ...verification,
      attributes: { ...verification.attributes, 'name-first': 7 },
    });
    const violations = validateWebhook({ body: wrong });
    expect(violations.every((v) => v.severity === 'breaking')).toBe(true);
    expect(violations).toContainEqual(
      expect.objectContaining({
        operationId: 'verificationPassedWebhook',
        method: 'POST',
        path: 'webhooks/verification.passed',
        status: null,
        location: 'body',
        pointer: '/data/attributes/payload/data/attributes/name-first',
        kind: 'wrong-type',
        severity: 'breaking',
      }),
    );
  });

  it('reports a body under another event name than the one delivered', () => {
    const violations = validateWebhook({
      name: 'verification.failed',
      body: delivery('verification.passed'),
    });
    expect(violations.map((v) => v.pointer)).toContain('/data/attributes/name');
    expect(violations.every((v) => v.severity === 'breaking')).toBe(true);
  });

  it('reports an event the spec does not describe as additive, and a nameless body as breaking', () => {
    expect(validateWebhook({ body: delivery('inquiry.transitioned') })).toEqual([
      expect.objectContaining({
        operationId: null,
        kind: 'open-enum-value',
        severity: 'additive',
        received: 'inquiry.transitioned',
        message: "event inquiry.transitioned is not described in the spec's webhooks",
      }),
    ]);
    expect(validateWebhook({ body: { data: { type: 'event' } } })).toEqual([
      expect.objectContaining({ kind: 'missing-member', severity: 'breaking' }),
    ]);
  });

  it("reads a body in the webhook's key inflection, and reports keys in another casing", () => {
    const camel = inflectKeys(delivery('verification.passed'), 'camel');
    expect(validateWebhook({ body: camel, keyInflection: 'camel' })).toEqual([]);
    const kebabInside = structuredClone(camel) as { data: { attributes: Record<string, unknown> } };
    kebabInside.data.attributes['created-at'] = kebabInside.data.attributes.createdAt;
    delete kebabInside.data.attributes.createdAt;
    const violations = validateWebhook({ body: kebabInside, keyInflection: 'camel' });
    expect(violations.map((v) => v.pointer)).toContain('/data/attributes/created-at');
  });
});
