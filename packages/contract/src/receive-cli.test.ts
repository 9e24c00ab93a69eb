import { signWebhook } from '@persona-kit/client/webhooks';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-main.js';

function cli(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const stop = new AbortController();
  const io = {
    stdout: (text: string) => {
      out.stdout += text;
    },
    stderr: (text: string) => {
      out.stderr += text;
    },
    env,
    stop: stop.signal,
  };
  return { out, io, stop };
}

async function listeningUrl(out: { stdout: string }): Promise<string> {
  await expect.poll(() => /listening on (\S+)/.exec(out.stdout)?.[1]).toBeTruthy();
  return /listening on (\S+)/.exec(out.stdout)![1]!;
}

const event = (name: string, data: unknown) =>
  JSON.stringify({
    data: {
      type: 'event',
      id: 'evt_V9bxyK2pWmQ3r8LsT4nJ6hD1',
      attributes: { name, payload: { data }, 'created-at': '2025-01-01T00:00:00.000Z' },
    },
  });

describe('persona-contract receive', () => {
  it('prints each delivery with its violations, and exits 1 when one failed', async () => {
    const { out, io, stop } = cli({ PERSONA_WEBHOOK_SECRET: 'wbhsec_env' });
    const exit = runCli(['receive', '--port', '0'], io);
    const url = await listeningUrl(out);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const payload = event('account.created', { type: 'account', id: 'act_x' });
    const signed = await fetch(url, {
      method: 'POST',
      headers: { 'Persona-Signature': await signWebhook({ secret: 'wbhsec_env', payload }) },
      body: payload,
    });
    expect(signed.status).toBe(200);
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'Persona-Signature': await signWebhook({ secret: 'wbhsec_other', payload }) },
      body: payload,
    });
    expect(forged.status).toBe(400);
    stop.abort();
    expect(await exit).toBe(1);
    const lines = out.stdout.split('\n');
    expect(lines).toContain('✗ 200 account.created evt_V9bxyK2pWmQ3r8LsT4nJ6hD1');
    expect(lines).toContain('✗ 400 account.created evt_V9bxyK2pWmQ3r8LsT4nJ6hD1');
    expect(out.stdout).toContain('/data/attributes/payload/data/attributes');
    expect(out.stdout).toContain(
      'header Persona-Signature: does not verify: no_matching_signature',
    );
    expect(out.stdout).toContain('2 deliveries, 2 failed');
  });

  it('exits 0 when every delivery verified and fit the spec', async () => {
    const { out, io, stop } = cli();
    const exit = runCli(['receive', '--port', '0', '--secret', 'a', '--secret', 'b'], io);
    const url = await listeningUrl(out);
    stop.abort();
    expect(await exit).toBe(0);
    expect(out.stdout).toContain('0 deliveries, 0 failed');
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  });

  it.each([
    [[], '--secret (or PERSONA_WEBHOOK_SECRET) is required'],
    [['--secret', 's', '--port', 'x'], '--port must be 0..65535'],
    [['--secret', 's', '--key-inflection', 'pascal'], '--key-inflection must be kebab'],
    [['--secret', 's', '--tolerance', 'soon'], '--tolerance must be a number of seconds'],
    [['--base-url', 'x'], "Unknown option '--base-url'"],
  ])('refuses %j with a usage error', async (argv, message) => {
    const { out, io } = cli();
    expect(await runCli(['receive', ...argv], io)).toBe(2);
    expect(out.stderr).toContain(message);
    expect(out.stderr).toContain('Usage: persona-contract receive');
  });
});
