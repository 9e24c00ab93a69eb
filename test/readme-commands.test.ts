// A newcomer's first hour: every shell command of the root README and of each
// example's README, run as written and in order, in a fresh clone of this
// repository at HEAD after the README's install command. Commands that start a
// server run in the background until the next server on their port, or the end
// of their README; a file the README says to save is saved first.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReadmeStep, readmeSteps } from './support/readme-steps.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readmes = [
  'README.md',
  ...readdirSync(join(root, 'examples'))
    .sort()
    .map((name) => join('examples', name, 'README.md'))
    .filter((path) => {
      try {
        readFileSync(join(root, path));
        return true;
      } catch {
        return false;
      }
    }),
];
const pnpm = 'npx --yes pnpm@12.21.0';

/** Long-running commands: the port each serves on once it is up. */
const servers: { pattern: RegExp; port: (command: string) => number }[] = [
  { pattern: /\bpnpm(@[\d.]+)? mock\b|\bpersona-mock\b.*&\s*$/, port: portFlag(4010) },
  { pattern: /@persona-kit\/example-frontend dev\b/, port: () => 5173 },
  { pattern: /@persona-kit\/example-node-service start\b/, port: () => 3000 },
];

function portFlag(fallback: number) {
  return (command: string) => Number(/--port[ =](\d+)/.exec(command)?.[1] ?? fallback);
}

/** Why a command is not run here, or undefined to run it. */
function skipReason(command: string): string | undefined {
  if (/\bpnpm(@[\d.]+)? test\b/.test(command)) {
    return 'runs the whole test command, which includes this test';
  }
  if (command.includes('persona_sandbox_…')) {
    return 'needs your Persona sandbox key and template ids in place of the placeholders';
  }
  if (/PERSONA_SANDBOX_KEY/.test(command) && !process.env.PERSONA_SANDBOX_KEY) {
    return 'needs a Persona sandbox key in PERSONA_SANDBOX_KEY';
  }
  return undefined;
}

let clone: string;
let env: NodeJS.ProcessEnv;
let failed: string | undefined;
const running = new Map<number, ChildProcess>();
const skipped: string[] = [];

/** The environment a user's shell has: none of vitest's or the outer pnpm's variables. */
function userEnv(bin: string): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(VITEST|npm_|PNPM_|NODE_OPTIONS$|NODE_ENV$|TSX_)/i.test(name),
    ),
  );
  return { ...clean, PATH: `${bin}:${process.env.PATH}` };
}

function run(script: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: clone, env, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      output += `\n(timed out after ${timeoutMs / 1000} s)`;
      killGroup(child, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {}
}

async function stopServer(port: number) {
  const child = running.get(port);
  if (!child) return;
  running.delete(port);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  const late = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  if (child.exitCode === null) await exited;
  clearTimeout(late);
}

const listening = (port: number) =>
  Promise.all(
    ['127.0.0.1', '::1'].map(
      (host) =>
        new Promise<boolean>((resolve) => {
          const socket = connect(port, host);
          socket.on('connect', () => {
            socket.destroy();
            resolve(true);
          });
          socket.on('error', () => resolve(false));
        }),
    ),
  ).then((up) => up.includes(true));

async function startServer(command: string, port: number) {
  await stopServer(port);
  if (await listening(port)) {
    throw new Error(`port ${port} is taken by a process this test did not start: stop it first`);
  }
  const child = spawn('bash', ['-c', command.replace(/&\s*$/, '')], {
    cwd: clone,
    env,
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  running.set(port, child);
  const deadline = Date.now() + 180_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`did not listen on port ${port}:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// Variables a command sets (ACCOUNT_ID=$(…)) carry over to the next, as in one terminal.
const state = () => join(clone, '.tmp/readme-shell-state.sh');
const saveState = `declare -p $(compgen -v | grep -vxFf "$__baseline" | grep -v '^__') 2>/dev/null | grep -v '^declare -[a-zA-Z]*r' > "$__state"`;

async function runCommand(command: string) {
  const script = [
    'set -o pipefail',
    `__state=${JSON.stringify(state())}`,
    `__baseline=${JSON.stringify(join(clone, '.tmp/readme-shell-baseline'))}`,
    'source "$__state"',
    command,
    '__rc=$?',
    saveState,
    'exit $__rc',
  ].join('\n');
  const { code, output } = await run(script, 240_000);
  if (code !== 0) {
    throw new Error(`exit ${code}: ${command}\n${output.slice(-4000)}`);
  }
}

async function perform(step: ReadmeStep) {
  if (step.kind === 'file') {
    writeFileSync(join(clone, step.name), step.code);
    return;
  }
  const server = servers.find((s) => s.pattern.test(step.command));
  if (server) await startServer(step.command, server.port(step.command));
  else await runCommand(step.command);
}

beforeAll(async () => {
  clone = mkdtempSync(join(tmpdir(), 'persona-kit-fresh-'));
  const bin = join(clone, '.tmp/bin');
  env = userEnv(bin);
  const cloned = await new Promise<number | null>((resolve) =>
    spawn('git', ['clone', '--quiet', root, clone], { stdio: 'ignore' }).on('close', resolve),
  );
  expect(cloned, 'git clone of this repository').toBe(0);
  for (const readme of readmes) {
    // The clone holds what is committed: a README edited since would run stale commands.
    expect(
      readFileSync(join(clone, readme), 'utf8'),
      `${readme} differs from its last commit: commit it first`,
    ).toBe(readFileSync(join(root, readme), 'utf8'));
  }
  mkdirSync(bin, { recursive: true });
  // `pnpm …` in the READMEs is pnpm on the PATH; the README says how to have it.
  writeFileSync(join(bin, 'pnpm'), `#!/bin/sh\nexec ${pnpm} "$@"\n`);
  chmodSync(join(bin, 'pnpm'), 0o755);
  const install = await run(`${pnpm} install`, 600_000);
  expect(install.code, `${pnpm} install:\n${install.output.slice(-4000)}`).toBe(0);
  const baseline = await run(
    'compgen -v > .tmp/readme-shell-baseline && : > .tmp/readme-shell-state.sh',
    10_000,
  );
  expect(baseline.code).toBe(0);
  for (const line of skipped) console.log(`not run: ${line}`);
}, 900_000);

afterAll(async () => {
  for (const port of [...running.keys()]) await stopServer(port);
  if (clone) rmSync(clone, { recursive: true, force: true });
}, 60_000);

for (const readme of readmes) {
  describe(readme, () => {
    const steps = readmeSteps(readFileSync(join(root, readme), 'utf8'));

    it('has commands', () => {
      expect(steps.filter((s) => s.kind === 'command').length).toBeGreaterThan(0);
    });

    for (const step of steps) {
      const label =
        step.kind === 'file'
          ? `saves ${step.name}`
          : `line ${step.line}: ${step.command.split('\n')[0]}`;
      const reason = step.kind === 'command' ? skipReason(step.command) : undefined;
      if (reason) {
        it.skip(`${label} (skipped: ${reason})`, () => {});
        skipped.push(`${readme}:${step.line}: ${reason}`);
        continue;
      }
      it(label, async (context) => {
        if (failed) context.skip(`an earlier command failed: ${failed}`);
        try {
          await perform(step);
        } catch (error) {
          failed = `${readme}:${step.line}`;
          throw error;
        }
      }, 300_000);
    }

    afterAll(async () => {
      for (const port of [...running.keys()]) await stopServer(port);
    }, 60_000);
  });
}
