import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { seedIds } from '../index.js';
import { freshMockPerTest, valid } from '../test-support/fresh-mock.js';

const fresh = freshMockPerTest();
const { call } = fresh;

/** A new inquiry's one-time link, and the session behind it. */
async function linkedSession() {
  const inquiry = (
    await call('POST', '/inquiries', {
      data: { attributes: { 'inquiry-template-id': seedIds.inquiryTemplates.governmentId } },
    })
  ).body.data.id;
  const link = (await call('POST', `/inquiries/${inquiry}/generate-one-time-link`)).body.meta[
    'one-time-link'
  ] as string;
  const session = (await call('GET', `/inquiry-sessions?filter[inquiry-id]=${inquiry}`)).body
    .data[0].id as string;
  return { link, session };
}

const open = (url: string, agent: string) =>
  getResponse(fresh.mock().handlers, new Request(url, { headers: { 'User-Agent': agent } }));

const devicesOf = async (session: string) =>
  valid(await call('GET', `/devices?filter[inquiry-session-id]=${session}`)).body.data;

describe('devices', () => {
  it('are seen when a session is opened, one per browser across sessions', async () => {
    const first = await linkedSession();
    expect(await devicesOf(first.session)).toEqual([]);
    await open(first.link, 'browser-a');
    const [device] = await devicesOf(first.session);
    expect(device).toMatchObject({ type: 'device', attributes: { 'device-vendor-id': null } });
    expect(device.attributes['browser-fingerprint']).toMatch(/^[0-9a-f]{32}$/);
    const session = valid(await call('GET', `/inquiry-sessions/${first.session}`)).body.data;
    expect(session.relationships.device.data).toEqual({ type: 'device', id: device.id });
    expect(valid(await call('GET', `/devices/${device.id}`)).body.data).toEqual(device);

    const same = await linkedSession();
    await open(same.link, 'browser-a');
    expect((await devicesOf(same.session)).map((d: { id: string }) => d.id)).toEqual([device.id]);
    const other = await linkedSession();
    await open(other.link, 'browser-b');
    expect((await devicesOf(other.session))[0].id).not.toBe(device.id);
  });

  it('needs the session filter, and answers 404 for an unknown device', async () => {
    expect((await call('GET', '/devices')).status).toBe(400);
    expect(valid(await call('GET', `/devices/dev_${'0'.repeat(24)}`)).status).toBe(404);
  });
});
