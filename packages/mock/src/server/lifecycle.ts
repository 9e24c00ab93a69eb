// How the CLI's server starts and stops: a busy port is explained, and every
// way of stopping it (Ctrl-C, kill, its launcher ending) frees the port at once.
import { readFileSync } from 'node:fs';
import type { MockServer } from './http-server.js';

/** Starts the server; a port in use becomes a message that says what to do. */
export async function listenOrExplain(
  start: () => Promise<MockServer>,
  where: { port: number; host: string },
): Promise<MockServer> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `port ${where.port} on ${where.host} is already in use, perhaps by a persona-mock left running. ` +
          `Stop that process, or start this one on another port with --port <n> (--port 0 picks a free one).`,
      );
    }
    throw error;
  }
}

/**
 * Closes the server and exits on SIGINT, SIGTERM or SIGHUP; with
 * `exitWithParent`, also when the launching process is gone (a wrapper such as
 * pnpm or npx killed without passing the signal on leaves this one orphaned).
 */
export function stopOnSignals(server: MockServer, exitWithParent: boolean): void {
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) process.exit(code); // a second Ctrl-C does not wait
    stopping = true;
    // Open keep-alive connections are dropped by close(); never wait more than a moment.
    setTimeout(() => process.exit(code), 500).unref();
    server.close().then(
      () => process.exit(code),
      () => process.exit(code),
    );
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  process.on('SIGHUP', () => stop(0));
  if (exitWithParent) {
    // npx and pnpm each wrap the server in more processes, and killing the
    // outermost one does not reach it: watch every launcher up the chain.
    const launchers = ancestors();
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent || launchers.some((pid) => !alive(pid))) stop(0);
    }, 100).unref();
  }
}

/** Process status from /proc (Linux), or undefined when there is none. */
function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid …": the command may hold spaces and parentheses.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '', ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** This process's ancestors below init, nearest first; empty where /proc is missing. */
function ancestors(): number[] {
  const chain: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && chain.length < 32) {
    const stat = procStat(pid);
    if (!stat) break;
    chain.push(pid);
    pid = stat.ppid;
  }
  return chain;
}

function alive(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}
