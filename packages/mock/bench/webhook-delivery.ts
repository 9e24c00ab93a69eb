/**
 * Webhook delivery through the built CLI (`dist/cli.js`): a webhook with
 * `enabled-events: ["*"]` posts to a local receiver while accounts are
 * created at a steady rate. Prints the events per second that reach the
 * receiver and the p99 lag from an event's `created-at` (the mock's clock,
 * real time here) to its arrival, beside a baseline: the same receiver sent
 * the same number of bodies directly by a plain HTTP client at the same rate.
 * The ratios are what compare across runs; the machine may be shared.
 *
 * Run: pnpm bench delivery   (BENCH_RATE=200 BENCH_SECONDS=3 by default; run `pnpm build` first)
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Started, startProcess } from './processes.js';

const rate = Number(process.env.BENCH_RATE ?? 200);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
/** How long arrivals may pause before the run counts as drained. */
const QUIET_MS = 1_000;
const key = 'bench-webhook-delivery';
const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

if (!existsSync(cli)) {
  console.error(`${cli} is missing: run \`pnpm build\` first (the benchmark runs the built CLI)`);
  process.exit(1);
}

interface Arrival {
  /** Wall-clock ms the body arrived. */
  at: number;
  /** Wall-clock ms the event says it was made. */
  createdAt: number;
}

/** A receiver noting, for each body, when it arrived and when its event was made. */
async function startReceiver() {
  let arrivals: Arrival[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        data: { attributes: { 'created-at': string } };
      };
      arrivals.push({ at, createdAt: Date.parse(body.data.attributes['created-at']) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    /** Hands over what arrived so far and starts a new count. */
    take() {
      const taken = arrivals;
      arrivals = [];
      return taken;
    },
    count: () => arrivals.length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Calls `send(i)` `rate` times a second for `seconds`, not waiting for answers (an open loop). */
async function atSteadyRate(send: (i: number) => Promise<unknown>): Promise<number> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(i));
  }
  await Promise.all(inFlight);
  return total;
}

/** Waits until nothing has arrived for a while: the deliveries have drained. */
async function drained(receiver: Receiver): Promise<void> {
  let last = -1;
  while (receiver.count() !== last) {
    last = receiver.count();
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  }
}

function figures(arrivals: Arrival[], startedAt: number) {
  const lags = arrivals.map((a) => a.at - a.createdAt).sort((a, b) => a - b);
  const lastAt = Math.max(startedAt, ...arrivals.map((a) => a.at));
  return {
    delivered: arrivals.length,
    perSecond: arrivals.length / ((lastAt - startedAt) / 1000 || 1),
    p99: lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))] ?? 0,
  };
}

/** Requests sent to each side before it is measured, so connection set-up and compilation count against neither. */
const WARM_UP = 50;

async function baseline(receiver: Receiver) {
  const post = async (i: number) => {
    const body = JSON.stringify({
      data: {
        type: 'event',
        id: `evt_direct${i}`,
        attributes: { name: 'account.created', 'created-at': new Date().toISOString() },
      },
    });
    await (await fetch(receiver.url, { method: 'POST', headers, body })).arrayBuffer();
  };
  for (let i = 0; i < WARM_UP; i++) await post(-i - 1);
  receiver.take();
  const startedAt = Date.now();
  const sent = await atSteadyRate(post);
  await drained(receiver);
  return { sent, ...figures(receiver.take(), startedAt) };
}

async function throughMock(receiver: Receiver, mock: Started) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${mock.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { data: { id: string } };
  };
  const create = (reference: string) =>
    call('POST', '/accounts', { data: { attributes: { 'reference-id': reference } } });
  for (let i = 0; i < WARM_UP; i++) await create(`warm-up-${i}`);
  const webhook = await call('POST', '/webhooks', {
    data: { attributes: { url: receiver.url, 'enabled-events': ['*'] } },
  });
  await call('POST', `/webhooks/${webhook.data.id}/enable`);
  const startedAt = Date.now();
  const made = await atSteadyRate((i) => create(`bench-${i}`));
  await drained(receiver);
  return { made, ...figures(receiver.take(), startedAt) };
}

const receiver = await startReceiver();
let mock: Started | undefined;
try {
  const direct = await baseline(receiver);
  mock = await startProcess(process.execPath, [cli, '--port', '0', '--quiet']);
  const mocked = await throughMock(receiver, mock);
  const fmt = (n: number) => n.toFixed(1);
  console.log(
    `${rate} per second for ${seconds} s, one webhook on every event, receiver on 127.0.0.1`,
  );
  console.log(
    `direct POSTs:     ${fmt(direct.perSecond)} bodies/s, p99 lag ${fmt(direct.p99)} ms (${direct.delivered} of ${direct.sent})`,
  );
  console.log(
    `through the mock: ${fmt(mocked.perSecond)} events/s, p99 lag event→arrival ${fmt(mocked.p99)} ms (${mocked.delivered} events from ${mocked.made} creates)`,
  );
  console.log(
    `ratio: ${(mocked.perSecond / direct.perSecond).toFixed(2)}× the direct rate, p99 lag ${(mocked.p99 / Math.max(direct.p99, 1)).toFixed(1)}× the direct lag`,
  );
} finally {
  await mock?.stop();
  await receiver.close();
}
