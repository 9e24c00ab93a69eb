// Biome over the files git tracks: a developer's untracked scratch file is not
// the project's, and ignored files stay out (biome.json's own includes still apply).
// Outside a git checkout it checks the whole tree.
import { spawnSync } from 'node:child_process';

const listed = spawnSync('git', ['ls-files', '-z'], { encoding: 'utf8' });
const files = listed.status === 0 ? listed.stdout.split('\0').filter(Boolean) : ['.'];
const result = spawnSync(
  'biome',
  ['ci', '--files-ignore-unknown=true', '--no-errors-on-unmatched', ...files],
  { stdio: 'inherit' },
);
if (result.error) {
  console.error(
    `cannot run biome (${result.error.message}); run this through pnpm, e.g. pnpm lint`,
  );
}
process.exit(result.status ?? 1);
