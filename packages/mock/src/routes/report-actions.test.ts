import { describe, expect, it } from 'vitest';
import { createPersonaMock, type PersonaMock, seedIds } from '../index.js';
import { type Answer, adminCall, mockClient } from '../test-support/test-client.js';

const KEY = 'key-test';
const templates = seedIds.reportTemplates;

const valid = (answer: Answer) => {
  expect(answer.violations).toEqual([]);
  return answer;
};

function setup(options: Parameters<typeof createPersonaMock>[0] = {}) {
  const mock = createPersonaMock(options);
  const call = mockClient(mock, KEY);
  const report = async (template: string, term: string) =>
    valid(
      await call('POST', '/reports', {
        data: { attributes: { 'report-template-id': template, query: { term } } },
      }),
    ).body.data;
  const get = async (id: string) => valid(await call('GET', `/reports/${id}`)).body.data;
  const advance = (by: string) => adminCall(mock, 'POST', '/__mock/clock', { advance: by }, KEY);
  const events = (name: string) => eventsOf(mock).filter((n) => n === name).length;
  return { mock, call, report, get, advance, events };
}

const eventsOf = (mock: PersonaMock) =>
  [...mock.core.orgFor(KEY).collection('events').values()].map((e) => e.attributes.name);

describe('continuous monitoring', () => {
  it("runs a monitored report again each time its recurrence falls due on the organization's clock", async () => {
    const { report, get, advance, events } = setup();
    const created = await report(templates.monitoredWatchlist, 'Maria Example');
    expect(created.attributes).toMatchObject({ status: 'ready', 'is-recurring': true });
    expect(created.attributes['run-history']).toHaveLength(1);
    await advance('29d');
    expect((await get(created.id)).attributes['run-history']).toHaveLength(1);
    await advance('2d');
    const ran = await get(created.id);
    expect(ran.attributes['run-history']).toHaveLength(2);
    expect(ran.attributes['run-history'][1].type).toBe('scheduled');
    expect(ran.attributes['is-continuous']).toBe(true);
    expect(events('report/watchlist.ready')).toBe(2);
    await advance('60d');
    expect((await get(created.id)).attributes['run-history']).toHaveLength(4);
  });

  it('stops while paused, and restarts one interval after it is resumed', async () => {
    const { call, report, get, advance } = setup();
    const { id } = await report(templates.monitoredWatchlist, 'Maria Example');
    const paused = valid(await call('POST', `/reports/${id}/pause`));
    expect(paused.body.data.attributes['is-recurring']).toBe(false);
    // Pausing twice answers the report as it is.
    expect(valid(await call('POST', `/reports/${id}/pause`)).status).toBe(200);
    await advance('90d');
    expect((await get(id)).attributes['run-history']).toHaveLength(1);
    const resumed = valid(await call('POST', `/reports/${id}/resume`));
    expect(resumed.body.data.attributes['is-recurring']).toBe(true);
    await advance('29d');
    expect((await get(id)).attributes['run-history']).toHaveLength(1);
    await advance('1d');
    expect((await get(id)).attributes['run-history']).toHaveLength(2);
  });

  it('runs again on demand without moving the schedule', async () => {
    const { call, report, get, advance } = setup();
    const { id } = await report(templates.monitoredWatchlist, 'Maria Example');
    await advance('10d');
    const ran = valid(await call('POST', `/reports/${id}/run`));
    expect(ran.body.data.attributes['run-history'].map((r: { type: string }) => r.type)).toEqual([
      'manual',
      'manual',
    ]);
    await advance('20d');
    expect((await get(id)).attributes['run-history']).toHaveLength(3);
  });

  it('refuses reports that are not monitored (422), redacted ones (409) and unknown ids (404)', async () => {
    const { call, report } = setup();
    const plain = await report(templates.watchlist, 'Maria Example');
    for (const action of ['run', 'pause', 'resume']) {
      const refused = valid(await call('POST', `/reports/${plain.id}/${action}`));
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].details).toContain('not continuously monitored');
    }
    const monitored = await report(templates.monitoredWatchlist, 'Maria Example');
    await call('DELETE', `/reports/${monitored.id}`);
    expect(valid(await call('POST', `/reports/${monitored.id}/run`)).status).toBe(409);
    expect(valid(await call('POST', '/reports/rep_Unknown000000000000000000/pause')).status).toBe(
      404,
    );
  });
});

describe('dismiss matches', () => {
  it('moves every match of a watchlist report to the ignore list, and a later run keeps it dismissed', async () => {
    const { call, report, events } = setup();
    const { id } = await report(templates.monitoredWatchlist, 'Match Example');
    expect(events('report/watchlist.matched')).toBe(1);
    const dismissed = valid(
      await call('POST', `/reports/${id}/dismiss`, {
        data: { attributes: { reason: 'A different person' } },
      }),
    );
    expect(dismissed.body.data.attributes['has-match']).toBe(false);
    const [entry] = dismissed.body.data.attributes['ignore-list'];
    // A watchlist's ignore list keeps the matched list itself, as Persona's does.
    expect(entry.match).toEqual(dismissed.body.data.attributes['matched-lists'][0]);
    expect(entry['ignored-at']).toBeTruthy();
    const again = valid(
      await call('POST', `/reports/${id}/dismiss`, {
        data: { attributes: { reason: 'Twice' } },
      }),
    );
    expect(again.status).toBe(422);
    const ran = valid(await call('POST', `/reports/${id}/run`));
    expect(ran.body.data.attributes['has-match']).toBe(false);
    expect(events('report/watchlist.matched')).toBe(1);
  });

  it('dismisses the people a politically exposed person report found, by entity', async () => {
    const { call, report } = setup();
    const created = await report(templates.pep, 'Match Politician');
    expect(created.attributes['has-match']).toBe(true);
    const dismissed = valid(
      await call('POST', `/reports/${created.id}/dismiss`, {
        data: { attributes: { reason: 'Namesake' } },
      }),
    );
    expect(dismissed.body.data.attributes['has-match']).toBe(false);
    expect(dismissed.body.data.attributes['ignore-list'][0].match).toMatchObject({
      name: 'Match Politician',
      'entity-id': expect.stringMatching(/^ent_/),
    });
  });

  it('dismisses one adverse media article, then the whole source', async () => {
    const { call, report } = setup();
    const created = await report(templates.adverseMedia, 'Match Example');
    const source = created.attributes['related-sources'][0];
    const article = source.articles[0].url;
    const missing = valid(
      await call('POST', `/reports/${created.id}/dismiss`, {
        data: { attributes: { reason: 'Not them' } },
      }),
    );
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].details).toContain('dismiss-type');
    const media = valid(
      await call('POST', `/reports/${created.id}/dismiss`, {
        data: { attributes: { reason: 'Not them', 'dismiss-type': 'media', 'entity-id': article } },
      }),
    );
    expect(media.body.data.attributes['has-match']).toBe(false);
    expect(media.body.data.attributes['ignore-list-media']).toEqual({ [source.name]: [article] });
    const entity = valid(
      await call('POST', `/reports/${created.id}/dismiss`, {
        data: {
          attributes: { reason: 'Not them', 'dismiss-type': 'entity', 'entity-id': source.name },
        },
      }),
    );
    // Every article of the source was dismissed already: nothing is left to dismiss.
    expect(entity.status).toBe(422);
  });

  it('refuses kinds without matches to dismiss', async () => {
    const { call } = setup();
    const created = valid(
      await call('POST', '/reports', {
        data: {
          attributes: {
            'report-template-id': templates.emailAddress,
            query: { 'email-address': 'match@example.com' },
          },
        },
      }),
    ).body.data;
    const refused = valid(
      await call('POST', `/reports/${created.id}/dismiss`, {
        data: { attributes: { reason: 'x' } },
      }),
    );
    expect(refused.status).toBe(422);
  });
});

describe('async mode', () => {
  it('keeps a report pending for the configured time, then makes it ready with its event', async () => {
    const { report, get, advance, events, call } = setup({ async: '30s' });
    const created = await report(templates.watchlist, 'Maria Example');
    expect(created.attributes).toMatchObject({
      status: 'pending',
      'completed-at': null,
      'has-match': null,
    });
    expect(events('report/watchlist.ready')).toBe(0);
    expect(valid(await call('GET', `/reports/${created.id}/print`)).status).toBe(409);
    await advance('29s');
    expect((await get(created.id)).attributes.status).toBe('pending');
    await advance('2s');
    const ready = await get(created.id);
    expect(ready.attributes.status).toBe('ready');
    expect(
      Date.parse(ready.attributes['completed-at']) - Date.parse(created.attributes['created-at']),
    ).toBe(30_000);
    expect(events('report/watchlist.ready')).toBe(1);
    const printed = valid(await call('GET', `/reports/${created.id}/print`));
    expect(printed.headers.get('content-type')).toBe('application/pdf');
  });

  it('runs a monitored report again in the background, keeping its schedule', async () => {
    const { call, get, advance, report } = setup({ async: '30s' });
    const { id } = await report(templates.monitoredWatchlist, 'Maria Example');
    await advance('31s');
    await advance('10d');
    const ran = valid(await call('POST', `/reports/${id}/run`));
    expect(ran.body.data.attributes.status).toBe('pending');
    expect(valid(await call('POST', `/reports/${id}/pause`)).status).toBe(409);
    await advance('31s');
    expect((await get(id)).attributes['run-history']).toHaveLength(2);
    // Created at 0, ready at 30 s: the next scheduled run is due 30 days after that.
    await advance('19d');
    expect((await get(id)).attributes['run-history']).toHaveLength(2);
    await advance('1d');
    const runs = (await get(id)).attributes['run-history'];
    expect(runs.map((r: { type: string }) => r.type)).toEqual(['manual', 'manual', 'scheduled']);
  });
});
