// Webhook delivery throughput and lag: events made through the in-process
// mock, delivered to a local receiver, against the same receiver posted to
// directly (sequentially, as one webhook's first attempts go). Not run by tests.
// BENCH_EVENTS sets how many events (default 2,000).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { createPersonaMock } from '../src/index.js';

const events = Number(process.env.BENCH_EVENTS ?? 2_000);
const key = 'bench-webhooks';

/** A receiver that notes when each event id arrived. */
async function receiver() {
  const arrivals = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = (JSON.parse(Buffer.concat(chunks).toString()) as { data: { id: string } }).data.id;
      arrivals.set(id, performance.now());
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, arrivals, close: () => new Promise((resolve) => server.close(resolve)) };
}

const p99 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? 0;

async function direct(url: string, arrivals: Map<string, number>) {
  const lags: number[] = [];
  const body = (i: number) => JSON.stringify({ data: { type: 'event', id: `evt_direct${i}` } });
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    const sent = performance.now();
    await (await fetch(url, { method: 'POST', body: body(i) })).arrayBuffer();
    lags.push(arrivals.get(`evt_direct${i}`)! - sent);
  }
  return { perSecond: events / ((performance.now() - started) / 1000), p99: p99(lags) };
}

async function throughMock(url: string, arrivals: Map<string, number>) {
  const mock = createPersonaMock();
  const call = async (method: string, path: string, body: unknown) => {
    const response = await getResponse(
      mock.handlers,
      new Request(`https://api.withpersona.com/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    return (await response!.json()) as { data: { id: string } };
  };
  const made = new Map<string, number>();
  mock.core.events.subscribe((_org, event) => made.set(event.id, performance.now()));
  const webhook = await call('POST', '/webhooks', {
    data: { attributes: { url, 'enabled-events': ['account.created'] } },
  });
  await call('POST', `/webhooks/${webhook.data.id}/enable`, {});
  const started = performance.now();
  for (let i = 0; i < events; i++) {
    await call('POST', '/accounts', { data: { attributes: { 'reference-id': `bench-${i}` } } });
  }
  await mock.deliveries.settle();
  const elapsed = (performance.now() - started) / 1000;
  const lags = [...made].flatMap(([id, at]) => (arrivals.has(id) ? [arrivals.get(id)! - at] : []));
  return { perSecond: lags.length / elapsed, p99: p99(lags), delivered: lags.length };
}

const hooks = await receiver();
const baseline = await direct(hooks.url, hooks.arrivals);
const mocked = await throughMock(hooks.url, hooks.arrivals);
await hooks.close();
const fmt = (n: number) => n.toFixed(1);
console.log(`${events} events, one webhook, receiver on 127.0.0.1`);
console.log(`direct POSTs:      ${fmt(baseline.perSecond)} events/s, p99 ${fmt(baseline.p99)} ms`);
console.log(
  `through the mock:  ${fmt(mocked.perSecond)} events/s, p99 lag event→delivery ${fmt(mocked.p99)} ms (${mocked.delivered} delivered)`,
);
console.log(`ratio: ${(mocked.perSecond / baseline.perSecond).toFixed(2)}× the direct rate`);
