// The CI recipe, run as a team would run it locally: run-contract.sh starts the
// mock on a free port, runs the contract CLI against it and answers its exit code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(root, 'examples/ci/run-contract.sh');
const mockCli = join(root, 'packages/mock/src/cli.ts');
const contractCli = join(root, 'packages/contract/src/cli.ts');

// In this repository both tools run from their TypeScript sources.
const fromSource = (file: string) => `node --conditions=@persona-kit/source --import tsx ${file}`;

const missing = [mockCli, contractCli].filter((file) => !existsSync(file));
const skipReason = missing.length > 0 ? `not found: ${missing.join(', ')}` : null;
if (skipReason) console.warn(`⚠ CI recipe test skipped: ${skipReason}`);

interface Run {
  code: number | null;
  output: string;
}

/** Runs the script in its own process group, so a timeout stops the mock too. */
function runScript(args: string[], env: Record<string, string>, timeoutMs = 120_000) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn('bash', [script, ...args], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PERSONA_MOCK_CMD: fromSource(mockCli),
        PERSONA_CONTRACT_CMD: fromSource(contractCli),
        // A sandbox configured in the caller's environment is not this test's business.
        PERSONA_BASE_URL: '',
        PERSONA_API_KEY: '',
        PERSONA_MOCK_PORT: '',
        PERSONA_MOCK_ARGS: '',
        ...env,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.skipIf(skipReason !== null)('examples/ci/run-contract.sh', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'persona-kit-ci-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts the mock on a free port, passes the whole contract suite and writes a JUnit report', async () => {
    const report = join(dir, 'persona-contract.xml');
    const run = await runScript(['--reporter', 'junit', '--output', report], {});
    expect(run.output).toMatch(/persona-mock is up at http:\/\/127\.0\.0\.1:\d+\/api\/v1/);
    expect(run.code, run.output).toBe(0);
    expect(await readFile(report, 'utf8')).toContain('<testsuite');
  }, 150_000);

  it('fails when the server breaks the contract', async () => {
    // Every answer a 503: the scenarios cannot pass.
    const run = await runScript(['--only', 'account-types'], {
      PERSONA_MOCK_ARGS: '--error-rate 1',
    });
    expect(run.code, run.output).toBe(1);
  }, 150_000);

  it('asks for an API key when pointed at another server', async () => {
    const run = await runScript([], { PERSONA_BASE_URL: 'https://api.withpersona.com/api/v1' });
    expect(run.code).toBe(2);
    expect(run.output).toContain('PERSONA_API_KEY is required');
  });
});

if (skipReason) {
  describe('examples/ci/run-contract.sh', () => {
    it.skip(`skipped: ${skipReason}`, () => {});
  });
}
