// Runs on `pnpm install` (the root `prepare` script): builds the packages when
// a build is missing or older than its sources, so the bins (persona-mock,
// persona-contract) and the packages' `dist` exports work right after install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const newest = (dir) => {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
};

const stale = readdirSync('packages').filter((name) => {
  const dir = join('packages', name);
  const dist = join(dir, 'dist');
  if (!existsSync(join(dir, 'tsconfig.build.json'))) return false;
  if (!existsSync(dist)) return true;
  // A package may build more than src (the mock's console).
  const sources = ['src', 'console'].map((name) => join(dir, name)).filter(existsSync);
  return Math.max(...sources.map(newest)) > newest(dist);
});

if (stale.length === 0) process.exit(0);
console.log(`Building ${stale.join(', ')} (bins and dist exports)…`);
// `npm_execpath` is the pnpm that runs this script, however it was started (npx, global, corepack).
const pnpm = process.env.npm_execpath;
const [command, args] =
  pnpm?.endsWith('.js') || pnpm?.endsWith('.cjs')
    ? [process.execPath, [pnpm, 'run', 'build']]
    : [pnpm ?? 'pnpm', ['run', 'build']];
const result = spawnSync(command, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
