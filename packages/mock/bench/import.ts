/**
 * Imports 100,000 generated accounts through `POST /importer/accounts` (upsert
 * over a first half already imported) and prints the time and rows per second.
 * Run: npx tsx --conditions=@persona-kit/source packages/mock/bench/import.ts [rows]
 */
import { getResponse } from 'msw';
import { createPersonaMock } from '../src/create-mock.js';

const rows = Number(process.argv[2] ?? 100_000);
const header = 'reference_id,name_first,name_middle,name_last,birthdate,social_security_number,tags';

function csv(from: number, to: number): string {
  const lines = [header];
  for (let i = from; i < to; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const ssn = String(100_000_000 + i).slice(-9);
    lines.push(`cust-${i},Ada${i},M,Lovelace,1990-01-${day},${ssn},${i % 2 === 0 ? 'vip;bench' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

async function upload(mock: ReturnType<typeof createPersonaMock>, text: string, mode: string) {
  const form = new FormData();
  form.set('data[attributes][file]', new File([text], 'accounts.csv', { type: 'text/csv' }));
  form.set('data[attributes][mode]', mode);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const response = await getResponse(
    mock.handlers,
    new Request('https://api.withpersona.com/api/v1/importer/accounts', {
      method: 'POST',
      headers: { Authorization: 'Bearer bench' },
      body: form,
    }),
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const body = (await response!.json()) as { data: { attributes: Record<string, unknown> } };
  if (response!.status !== 201) throw new Error(`import answered ${response!.status}: ${JSON.stringify(body)}`);
  return { ms, cpuMs, attributes: body.data.attributes };
}

const mock = createPersonaMock();
await mock.ready;
const report = (
  label: string,
  n: number,
  { ms, cpuMs, attributes }: { ms: number; cpuMs: number; attributes: Record<string, unknown> },
) => {
  const counts = `created ${attributes['created-count']}, updated ${attributes['updated-count']}, errors ${attributes['error-count']}`;
  console.log(
    `${label.padEnd(28)} ${String(n).padStart(7)} rows  ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round((n / ms) * 1000).toLocaleString('en-US').padStart(9)} rows/s  cpu ${(cpuMs / 1000).toFixed(2)} s  (${counts})`,
  );
};

const fresh = await upload(mock, csv(0, rows), 'create');
report('create (empty organization)', rows, fresh);
const again = await upload(mock, csv(rows / 2, rows + rows / 2), 'upsert');
report('upsert (half existing)', rows, again);
const events = mock.core.orgFor('bench').collection('events').size;
console.log(`events recorded: ${events.toLocaleString('en-US')}`);
