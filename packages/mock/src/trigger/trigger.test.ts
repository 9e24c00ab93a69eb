import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type MockServer, startMockServer } from '@persona-kit/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerEvents } from './recipes.js';
import { parseTrigger, TriggerUsageError, triggerEvent } from './trigger.js';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});
afterAll(() => server.close());

/** The recorded event, read back through the API. */
async function eventOf(apiKey: string, id: string) {
  const response = await fetch(`${server.baseUrl}/events/${id}`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()).data;
}

function runCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@persona-kit/source', '--import', 'tsx', cli, 'trigger', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

describe('persona-mock trigger', () => {
  it.each(triggerEvents)('makes %s happen and answers its event', async (name) => {
    // One organization per event, so no event reads another's objects.
    const apiKey = `trigger-${name}`;
    const id = await triggerEvent({ event: name, apiKey, baseUrl: server.url });
    expect(id).toMatch(/^evt_/);
    const event = await eventOf(apiKey, id);
    expect(event.attributes.name).toBe(name);
  });

  it('covers the events it promises', () => {
    for (const name of [
      'account.created',
      'inquiry.created',
      'inquiry.completed',
      'inquiry.approved',
      'inquiry.declined',
      'inquiry.failed',
      'inquiry.expired',
      'verification.passed',
      'verification.failed',
      'case.created',
      'report/watchlist.ready',
    ]) {
      expect(triggerEvents).toContain(name);
    }
  });

  it('refuses an unknown event, a missing key and a bad base URL with the reason', () => {
    expect(() => parseTrigger(['inquiry.nope', '--api-key', 'k'], {})).toThrow(TriggerUsageError);
    expect(() => parseTrigger(['inquiry.nope', '--api-key', 'k'], {})).toThrow(/account\.created/);
    expect(() => parseTrigger(['account.created'], {})).toThrow(/--api-key/);
    expect(() => parseTrigger([], {})).toThrow(/name the event/);
    expect(() =>
      parseTrigger(['account.created', '--api-key', 'k', '--base-url', 'nope'], {}),
    ).toThrow(/not a URL/);
    expect(
      parseTrigger(['case.created', '--api-key', 'k'], { PERSONA_MOCK_ADMIN_TOKEN: 't' }),
    ).toEqual({
      event: 'case.created',
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:4010',
      adminToken: 't',
    });
  });

  it('prints the event id from the command line, and exits 2 listing the events for an unknown one', async () => {
    const ok = await runCli([
      'inquiry.approved',
      '--api-key',
      'trigger-cli',
      '--base-url',
      server.url,
    ]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const id = ok.out.trim();
    expect((await eventOf('trigger-cli', id)).attributes.name).toBe('inquiry.approved');

    const unknown = await runCli(['inquiry.nope', '--api-key', 'k', '--base-url', server.url]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('report/watchlist.ready');
  }, 60_000);
});
