import { describe, expect, it } from 'vitest';
import { runCli } from './cli-main.js';

function io(env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (text: string) => {
        out.stdout += text;
      },
      stderr: (text: string) => {
        out.stderr += text;
      },
      env,
    },
  };
}

describe('persona-contract arguments', () => {
  it('prints help', async () => {
    const { out, io: cli } = io();
    expect(await runCli(['--help'], cli)).toBe(0);
    expect(out.stdout).toContain('--base-url <url>');
  });

  it.each([
    [[], '--base-url is required'],
    [['--base-url', 'nope'], '--base-url must be a URL'],
    [['--base-url', 'http://127.0.0.1:1/api/v1'], '--api-key (or PERSONA_API_KEY) is required'],
    [['--base-url', 'http://x/api/v1', '--api-key', 'k', '--mode', 'lazy'], '--mode must be'],
    [
      ['--base-url', 'http://x/api/v1', '--api-key', 'k', '--reporter', 'tap'],
      '--reporter must be',
    ],
    [
      ['--base-url', 'http://x/api/v1', '--api-key', 'k', '--only', 'nothing'],
      'unknown tag nothing',
    ],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const { out, io: cli } = io();
    expect(await runCli(args as string[], cli)).toBe(2);
    expect(out.stderr).toContain(message);
  });
});
