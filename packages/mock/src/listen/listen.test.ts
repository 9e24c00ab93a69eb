import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '@persona-kit/mock/node';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, verifiedSecrets } from '../test-support/receiver.js';
import { serverClient } from '../test-support/server-client.js';
import { parseListen, startListening } from './listen.js';

const KEY = 'key-listen';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const server = await startMockServer({ port: 0, webhooks: { timeoutMs: 1_000 } });
  cleanups.push(() => server.close());
  const hooks = await startReceiver();
  cleanups.push(() => hooks.close());
  return { server, hooks, call: serverClient(() => server, KEY) };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('persona-mock listen', () => {
  it('forwards every event signed with the printed secret, prints each delivery, archives on stop', async () => {
    const { server, hooks, call } = await setup();
    const lines: string[] = [];
    const listener = await startListening({
      forwardTo: hooks.url,
      apiKey: KEY,
      baseUrl: server.url,
      pollMs: 20,
      print: (line) => lines.push(line),
    });
    expect(lines).toContain(`Signing secret: ${listener.secret}`);
    const account = await call('POST', '/accounts', {
      data: { attributes: { 'reference-id': 'heard' } },
    });
    await until(() => lines.some((l) => l.includes('account.created')), 'the printed delivery');
    const line = lines.find((l) => l.includes('account.created'))!;
    expect(line).toMatch(/ -> 200 \(\d+ ms\)$/);
    const received = hooks.received.find((r) => r.json.data.attributes.name === 'account.created');
    expect(received!.json.data.attributes.payload.data.id).toBe(account.body.data.id);
    expect(
      verifiedSecrets(received!.headers['persona-signature'] as string, received!.body, [
        listener.secret,
      ]),
    ).toEqual([listener.secret]);

    await listener.stop();
    const webhook = await call('GET', `/webhooks/${listener.webhookId}`);
    expect(webhook.body.data.attributes.status).toBe('archived');
    expect(lines.at(-1)).toBe(`Webhook ${listener.webhookId} archived`);
  });

  it('archives the webhook when the command gets SIGTERM', async () => {
    const { server, call } = await setup();
    const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--conditions=@persona-kit/source',
        '--import',
        'tsx',
        cli,
        'listen',
        '--forward-to',
        'http://127.0.0.1:9/x',
        '--api-key',
        KEY,
        '--base-url',
        server.url,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanups.push(async () => {
      child.kill('SIGKILL');
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    await until(() => out.includes('Signing secret: wbhsec_'), 'the secret line');
    const id = /webhook (wbh_\w+)/.exec(out)![1]!;
    expect((await call('GET', `/webhooks/${id}`)).body.data.attributes.status).toBe('enabled');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect((await call('GET', `/webhooks/${id}`)).body.data.attributes.status).toBe('archived');
  }, 20_000);

  it('names a missing or bad flag', () => {
    expect(() => parseListen(['--api-key', 'k'])).toThrow('--forward-to needs a URL');
    expect(() => parseListen(['--forward-to', 'http://127.0.0.1:1/x'])).toThrow('--api-key');
    expect(parseListen(['--forward-to', 'http://x/y', '--api-key', 'k'])).toMatchObject({
      baseUrl: 'http://127.0.0.1:4010',
    });
  });
});
