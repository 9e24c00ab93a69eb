// Serves the built example and starts Debian's Chromium for browser tests.
// It lives in the example so that vite and playwright-core resolve from the
// example's own dependencies.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

export type { Browser, Page } from 'playwright-core';

export const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const bin = (path: string) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));

/** Runs a program to its end; rejects with its output when it fails. */
function run(args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: exampleDir, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${args.join(' ')} failed (${code ?? signal}):\n${output}`));
    });
  });
}

/** What `pnpm run build` does: msw's worker script into public/, then `vite build`. */
export async function buildExample(outDir: string): Promise<void> {
  await run([bin('msw/cli/index.js'), 'init', 'public', '--no-save'], 30_000);
  await run([bin('vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'], 60_000);
}

export interface Served {
  url: string;
  stop(): Promise<void>;
}

/**
 * `vite preview` of a build on 127.0.0.1 and a port the system picks; `env`
 * adds variables (PERSONA_MOCK_URL: forward the API to a persona-mock server).
 */
export async function previewExample(
  outDir: string,
  env: Record<string, string> = {},
): Promise<Served> {
  const child = spawn(
    process.execPath,
    [bin('vite/bin/vite.js'), 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', '0'],
    {
      cwd: exampleDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, NO_COLOR: '1' },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`vite preview did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const found = /Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vite preview exited (${code}):\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  return { url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** `PERSONA_KIT_CHROMIUM`, else Debian's `/usr/bin/chromium`; null when neither exists. */
export function chromiumPath(): string | null {
  const path = process.env.PERSONA_KIT_CHROMIUM || '/usr/bin/chromium';
  return existsSync(path) ? path : null;
}

/** Why a browser test of `what` cannot run here (warned once), or null when Chromium is there. */
export function chromiumSkipReason(what: string): string | null {
  if (chromiumPath()) return null;
  const reason = `no Chromium at ${process.env.PERSONA_KIT_CHROMIUM || '/usr/bin/chromium'} (install Debian's chromium, or set PERSONA_KIT_CHROMIUM to a Chromium binary)`;
  console.warn(`⚠ ${what} end-to-end test skipped: ${reason}`);
  return reason;
}

/**
 * Headless Chromium with a fresh profile (playwright makes a new one per launch).
 * The background-networking flags keep it from calling Google's services.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
