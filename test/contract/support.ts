// Processes the contract tests start: Prism, the contract CLI, a broken server.
// Each listens on 127.0.0.1 and is stopped by the test that started it, by pid.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatViolation, type SuiteResult } from '@persona-kit/contract';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const specFile = join(root, 'packages/spec/src/generated/persona.openapi.json');
export const contractCli = join(root, 'packages/contract/src/cli.ts');

/** A port nothing listens on right now (for tools that need one named, such as Prism). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits for a child to exit after SIGTERM, then SIGKILL if it lingers. */
export function stop(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const prismCli = join(root, 'packages/contract/node_modules/@stoplight/prism-cli/dist/index.js');

export function prismAvailable(): string | null {
  return existsSync(prismCli) ? null : `Prism is not installed at ${prismCli}`;
}

/**
 * Prism on a free loopback port, resolved once it listens: by default `prism mock`
 * of our bundled spec; `['proxy', file, upstream, …]` puts it in front of a server.
 */
export async function startPrism(command: string[] = ['mock', specFile]): Promise<{
  baseUrl: string;
  child: ChildProcess;
  log: () => string;
}> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismCli, ...command, '--host', '127.0.0.1', '--port', String(port)],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!log.includes('Prism is listening')) {
    if (child.exitCode !== null) throw new Error(`prism exited before it listened:\n${log}`);
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`prism did not listen within 60 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { baseUrl, child, log: () => log };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs persona-contract from its TypeScript source, as the workspace does. */
export function runContractCli(args: string[], timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@persona-kit/source', '--import', 'tsx', contractCli, ...args],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PERSONA_API_KEY: '' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A server that answers every request with a shape the spec does not describe. */
export async function startBrokenServer(): Promise<{ baseUrl: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json', 'Request-Id': 'req_broken' });
    res.end(JSON.stringify({ data: { id: 42 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/api/v1`, server };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** What failed in a run, for an assertion message. */
export function failures(result: SuiteResult): string {
  const lines: string[] = [];
  for (const scenario of result.scenarios) {
    for (const step of scenario.steps) {
      if (step.outcome !== 'failed') continue;
      lines.push(`${scenario.name} › ${step.name}: ${step.error ?? ''}`);
      for (const v of step.violations) lines.push(`  ${formatViolation(v)}`);
    }
  }
  return lines.join('\n');
}

/** Operations no call reached. */
export function neverExercised(result: SuiteResult): string[] {
  return result.coverage.operations
    .filter((o) => o.exercised.length === 0)
    .map((o) => o.operationId);
}
