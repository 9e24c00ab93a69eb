/**
 * Imports 100,000 generated accounts through `POST /importer/accounts`, then
 * upserts 100,000 more of which half exist, and prints the time, the rows per
 * second and the ratio against a baseline: the same accounts created one by
 * one through the account service (what `POST /accounts` does, without HTTP).
 *
 * Run: npx tsx --conditions=@persona-kit/source packages/mock/bench/import.ts [rows]
 */
import { getResponse } from 'msw';
import { createPersonaMock } from '../src/create-mock.js';
import { createAccount } from '../src/services/accounts/accounts.js';

const rows = Number(process.argv[2] ?? 100_000);
const header =
  'reference_id,name_first,name_middle,name_last,birthdate,social_security_number,tags';

function row(i: number): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  const ssn = String(100_000_000 + i).slice(-9);
  return `cust-${i},Ada${i},M,Lovelace,1990-01-${day},${ssn},${i % 2 === 0 ? 'vip;bench' : ''}`;
}

function csv(from: number, to: number): string {
  const lines = [header];
  for (let i = from; i < to; i++) lines.push(row(i));
  return `${lines.join('\n')}\n`;
}

interface Run {
  ms: number;
  cpuMs: number;
  attributes: Record<string, unknown>;
}

async function measure(work: () => Promise<Record<string, unknown>>): Promise<Run> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const attributes = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, attributes };
}

async function upload(
  mock: ReturnType<typeof createPersonaMock>,
  key: string,
  text: string,
  mode: string,
) {
  const form = new FormData();
  form.set('data[attributes][file]', new File([text], 'accounts.csv', { type: 'text/csv' }));
  form.set('data[attributes][mode]', mode);
  const response = await getResponse(
    mock.handlers,
    new Request('https://api.withpersona.com/api/v1/importer/accounts', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}` },
      body: form,
    }),
  );
  const body = (await response!.json()) as { data: { attributes: Record<string, unknown> } };
  if (response!.status !== 201)
    throw new Error(`import answered ${response!.status}: ${JSON.stringify(body)}`);
  return body.data.attributes;
}

function report(label: string, n: number, run: Run, baseline?: Run) {
  const { ms, cpuMs, attributes } = run;
  const counts =
    attributes['created-count'] === undefined
      ? ''
      : `  created ${attributes['created-count']}, updated ${attributes['updated-count']}, errors ${attributes['error-count']}`;
  const ratio = baseline ? `  ${(baseline.ms / ms).toFixed(2)}x baseline` : '';
  console.log(
    `${label.padEnd(34)} ${String(n).padStart(7)} rows  ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(
      (n / ms) * 1000,
    )
      .toLocaleString('en-US')
      .padStart(8)} rows/s  cpu ${(cpuMs / 1000).toFixed(2)} s${ratio}${counts}`,
  );
}

const mock = createPersonaMock();
await mock.ready;

// The imports run first, so that neither pays for collecting the baseline's garbage.
const fresh = await measure(() => upload(mock, 'bench', csv(0, rows), 'create'));
const again = await measure(() => upload(mock, 'bench', csv(rows / 2, rows + rows / 2), 'upsert'));

const baselineOrg = mock.core.orgFor('bench-baseline');
const baseline = await measure(async () => {
  const now = new Date().toISOString();
  for (let i = 0; i < rows; i++) {
    createAccount(baselineOrg, now, {
      attributes: {
        'reference-id': `cust-${i}`,
        'name-first': `Ada${i}`,
        'name-middle': 'M',
        'name-last': 'Lovelace',
        birthdate: `1990-01-${String((i % 28) + 1).padStart(2, '0')}`,
        'social-security-number': String(100_000_000 + i).slice(-9),
        tags: i % 2 === 0 ? ['vip', 'bench'] : [],
      },
    });
  }
  return {};
});
report('baseline: createAccount per row', rows, baseline);
report('import, create (empty org)', rows, fresh, baseline);
report('import, upsert (half existing)', rows, again, baseline);
const events = mock.core.orgFor('bench').collection('events').size;
console.log(`events recorded: ${events.toLocaleString('en-US')}`);
