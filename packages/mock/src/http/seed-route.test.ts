import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { checkSeed } from '../core/seed.js';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';

async function admin(mock: PersonaMock, method: string, path: string, body?: unknown, key = 'k1') {
  const response = await getResponse(
    mock.handlers,
    new Request(`http://127.0.0.1/__mock/${path}`, {
      method,
      headers: {
        ...(key ? { Authorization: `Bearer ${key}` } : {}),
        'Content-Type': 'application/json',
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
  if (!response) throw new Error(`no handler answered ${method} ${path}`);
  // biome-ignore lint/suspicious/noExplicitAny: documents are read freely in tests
  return { status: response.status, body: (await response.json()) as any };
}

describe('GET /__mock/seed', () => {
  it('answers the organization configuration as a seed file the mock accepts', async () => {
    const mock = createPersonaMock();
    const { status, body } = await admin(mock, 'GET', 'seed');
    expect(status).toBe(200);
    expect(() => checkSeed(body)).not.toThrow();
    expect(body.plan).toBe('growth');
    expect(body.accounts).toEqual([]);
    expect(body.inquiryTemplates.map((t: { id: string }) => t.id)).toContain(
      seedIds.inquiryTemplates.governmentId,
    );
    expect(body.reportTemplates).toContainEqual({
      id: seedIds.reportTemplates.watchlist,
      name: expect.any(String),
      reportType: 'report/watchlist',
    });
    const signup = body.workflows.find(
      (w: { id: string }) => w.id === seedIds.workflows.signupReview,
    );
    expect(signup.steps).toContainEqual(
      expect.objectContaining({
        type: 'find-or-create-account',
        identifierType: 'reference-id',
        identifierValue: expect.stringContaining('{{trigger.'),
      }),
    );
    const user = body.accountTypes.find((t: { id: string }) => t.id === seedIds.accountTypes.user);
    expect(user.default).toBe(true);
    expect(user.actions.map((a: { id: string }) => a.id)).toContain(
      seedIds.accountActions.setStatus,
    );
    expect(user.actions[0].steps.length).toBeGreaterThan(0);
  });

  it('follows changes, and feeding it back configures another mock the same', async () => {
    const mock = createPersonaMock();
    const added = {
      plan: 'essential',
      workflows: [
        {
          id: 'wfl_Vendor000000000000000000',
          name: 'Vendor',
          steps: [{ key: 'tag', type: 'tag-object', objectId: '{{trigger.id}}', tag: 'vendor' }],
        },
      ],
    };
    expect((await admin(mock, 'POST', 'seed', added)).status).toBe(200);
    const first = (await admin(mock, 'GET', 'seed')).body;
    expect(first.plan).toBe('essential');
    expect(first.workflows).toContainEqual(added.workflows[0]);
    // Another key's organization keeps the default configuration.
    expect((await admin(mock, 'GET', 'seed', undefined, 'k2')).body.workflows).not.toContainEqual(
      added.workflows[0],
    );

    const copy = createPersonaMock({ seed: { ...first, extends: 'none' } });
    expect((await admin(copy, 'GET', 'seed')).body).toEqual(first);
  });

  it('needs a Bearer key', async () => {
    const mock = createPersonaMock();
    expect((await admin(mock, 'GET', 'seed', undefined, '')).status).toBe(401);
  });
});

describe('GET /__mock/state', () => {
  it('answers counts, never the stored objects or what the mock keeps for itself', async () => {
    const mock = createPersonaMock();
    const { status, body } = await admin(mock, 'GET', 'state?full=true');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['counts', 'organization', 'plan']);
    expect(body.counts.workflows).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain('internal');
  });
});
