// `pnpm bench` runs every benchmark; `pnpm bench <name> …` runs the named ones.
// Each prints its figures beside a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const source = ['--conditions=@persona-kit/source', '--import', 'tsx'];
const at = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const benchmarks = {
  targets: {
    about:
      "the mock's targets: --db creates, start-up, snapshot stall, memory, vs a bare server (needs the build)",
    script: 'packages/mock/bench/targets.ts',
  },
  http: {
    about: 'mock HTTP vs a bare server and prism mock',
    script: 'packages/mock/bench/http.ts',
  },
  scale: {
    about: 'lookups and pages, 100 vs 100,000 accounts',
    script: 'packages/mock/bench/scale.ts',
  },
  import: { about: 'a 100,000-row account import', script: 'packages/mock/bench/import.ts' },
  webhooks: {
    about: 'webhook deliveries per second and lag',
    script: 'packages/mock/bench/webhooks.ts',
  },
  client: { about: 'client overhead vs raw fetch', script: 'packages/client/bench/overhead.ts' },
  spec: { about: 'request and response validation', script: 'packages/spec/bench/validate.ts' },
};

const asked = process.argv.slice(2);
if (asked.includes('--help') || asked.includes('-h')) {
  console.log('Usage: pnpm bench [name …]   (all when none is given)\n');
  for (const [name, { about }] of Object.entries(benchmarks))
    console.log(`  ${name.padEnd(9)} ${about}`);
  process.exit(0);
}
const unknown = asked.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`,
  );
  process.exit(2);
}
for (const name of asked.length > 0 ? asked : Object.keys(benchmarks)) {
  console.log(`\n=== ${name}: ${benchmarks[name].about}`);
  const result = spawnSync(process.execPath, [...source, at(benchmarks[name].script)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exitCode = 1;
}
