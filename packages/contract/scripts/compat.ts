// `pnpm compat`: our spec against Persona's published one. Every difference must
// be allowed, with its reason, in docs/decisions/upstream-differences.json.
//   PERSONA_UPSTREAM_SPEC=path/to/persona-openapi.yaml pnpm compat
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { document } from '@persona-kit/spec';
import { runCompat } from '../src/compat/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const result = await runCompat({
  ours: document,
  upstreamPath: resolve(
    root,
    process.env.PERSONA_UPSTREAM_SPEC ?? '../shared/reference/persona-openapi-2025-01.yaml',
  ),
  allowListPath: resolve(root, 'docs/decisions/upstream-differences.json'),
});
process.stdout.write(result.report);
process.exitCode = result.exitCode;
