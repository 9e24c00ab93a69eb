#!/usr/bin/env node
// Bundles openapi/persona.yaml into one JSON document with the Redocly CLI.
//
//   node scripts/generate.mjs [--spec <root.yaml>] [--out <file.json>]
//
// The output is pretty-printed with a trailing newline and keeps the key order
// Redocly gives, so the same spec always yields the same bytes (the freshness
// test regenerates to a temporary file and compares).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');

export const defaultSpec = join(repoRoot, 'openapi/persona.yaml');
export const defaultOut = join(packageDir, 'src/generated/persona.openapi.json');
/** The mock's control plane (`/__mock/`), a document of its own. */
export const controlPlaneSpec = join(repoRoot, 'openapi/control-plane.yaml');
export const controlPlaneOut = join(packageDir, 'src/generated/control-plane.openapi.json');

/** The Redocly CLI's entry point, resolved from the workspace root (no shell, any OS). */
function redoclyBin() {
  const require = createRequire(join(repoRoot, 'package.json'));
  const manifestPath = require.resolve('@redocly/cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return join(dirname(manifestPath), manifest.bin.redocly);
}

/** Bundles `spec` and answers the document as formatted JSON text. Throws on any bundling error. */
export function bundle(spec = defaultSpec) {
  const work = mkdtempSync(join(tmpdir(), 'persona-spec-'));
  try {
    const raw = join(work, 'bundle.json');
    const result = spawnSync(
      process.execPath,
      [redoclyBin(), 'bundle', resolve(spec), '--ext', 'json', '--output', raw],
      // Run from the root so that redocly.yaml applies.
      { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
    );
    if (result.status !== 0) {
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
      throw new Error(`redocly bundle failed (exit ${result.status ?? result.signal}):\n${output}`);
    }
    return `${JSON.stringify(JSON.parse(readFileSync(raw, 'utf8')), null, 2)}\n`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function generate({ spec = defaultSpec, out = defaultOut } = {}) {
  const text = bundle(spec);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { spec: { type: 'string' }, out: { type: 'string' } },
  });
  try {
    const out = generate({ spec: values.spec, out: values.out && resolve(values.out) });
    console.log(`wrote ${out}`);
    // Without options, both documents: Persona's API and the mock's control plane.
    if (values.spec === undefined && values.out === undefined) {
      console.log(`wrote ${generate({ spec: controlPlaneSpec, out: controlPlaneOut })}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
