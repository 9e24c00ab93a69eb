// Validation throughput on an account document, as ratios to a baseline run in
// the same process: the compiled Ajv validator of the same schema, called bare.
//   npx tsx --conditions=@persona-kit/source packages/spec/bench/validate.ts
import { performance } from 'node:perf_hooks';

const started = performance.now();
const specModule = await import('@persona-kit/spec');
const imported = performance.now();
const { document, getOperation, inflectKeys, spec, validateRequest, validateResponse } = specModule;

const ACCOUNT = 'act_68h3lHszBfNOTSPxUYT6LUvR';
const response = getOperation('retrieveAccount')!.responses['200']!;
const schemaPointer = `${response.pointer}/content/application~1json/schema`;
// The spec's own example of a retrieved account.
const examples = Object.values(
  (
    document.paths['/accounts/{account-id}']!.get!.responses!['200'] as {
      content: Record<string, { examples: Record<string, { value: unknown }> }>;
    }
  ).content['application/json']!.examples,
);
const body = examples[0]!.value as { data: { attributes: Record<string, unknown> } };
const input = {
  method: 'GET',
  path: `/api/v1/accounts/${ACCOUNT}`,
  status: 200,
  headers: { 'Content-Type': 'application/json', 'Request-Id': 'req_1' },
  body,
};

const first = performance.now();
validateResponse(input);
const cold = performance.now() - first;

function rate(fn: () => unknown, seconds = Number(process.env.BENCH_SECONDS ?? 1.5)): number {
  for (let i = 0; i < 2_000; i++) fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

const validate = spec.schemaValidator(schemaPointer);
const wrong = structuredClone(body);
wrong.data.attributes['reference-id'] = 5;
const camel = inflectKeys(body, 'camel');

const baseline = rate(() => validate(body));
const rows: Array<[string, number]> = [
  ['Ajv validator alone (baseline)', baseline],
  ['validateResponse, valid', rate(() => validateResponse(input))],
  ['validateResponse, one violation', rate(() => validateResponse({ ...input, body: wrong }))],
  [
    'validateResponse, Key-Inflection: camel',
    rate(() => validateResponse({ ...input, body: camel, keyInflection: 'camel' })),
  ],
  [
    'validateRequest, list with deepObject query',
    rate(() =>
      validateRequest({
        method: 'GET',
        path: '/accounts',
        query: 'page[size]=5&filter[reference-id]=user-1042&fields[account]=reference-id,tags',
      }),
    ),
  ],
  ['inflectKeys(account, camel)', rate(() => inflectKeys(body, 'camel'))],
];

console.log(
  `import ${(imported - started).toFixed(0)} ms, first validateResponse ${cold.toFixed(0)} ms`,
);
for (const [name, perSecond] of rows) {
  const ratio = (perSecond / baseline).toFixed(2);
  console.log(
    `${name.padEnd(46)} ${Math.round(perSecond).toLocaleString('en').padStart(9)}/s  ×${ratio}`,
  );
}
