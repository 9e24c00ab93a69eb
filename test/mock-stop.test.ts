// `pnpm mock` runs the server under npx, pnpm and a shell: stopping the
// outermost process, as a user does, must free the port at once.
import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  }
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

async function startPnpmMock(port: number): Promise<ChildProcess> {
  // Its own process group, as a terminal gives a foreground command.
  const child = spawn('npx', ['--yes', 'pnpm@12.21.0', 'mock', '--port', String(port), '--quiet'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  while (!output.includes('persona-mock listening')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`pnpm mock did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

async function portFreedWithin(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!(await listening(port))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !(await listening(port));
}

describe('stopping pnpm mock', () => {
  it('frees the port within a second of SIGTERM to the outermost process', async () => {
    const port = await freePort();
    const child = await startPnpmMock(port);
    process.kill(child.pid!, 'SIGTERM');
    expect(await portFreedWithin(port, 1000)).toBe(true);
  }, 90_000);

  it('frees the port within a second of Ctrl-C (SIGINT to the foreground group)', async () => {
    const port = await freePort();
    const child = await startPnpmMock(port);
    process.kill(-child.pid!, 'SIGINT');
    expect(await portFreedWithin(port, 1000)).toBe(true);
  }, 90_000);
});
