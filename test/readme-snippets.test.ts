// The README's TypeScript examples still compile (and, where marked, run).
// A ```ts block counts when a marker comment stands right above it:
//   <!-- snippet: typecheck -->   type-checked against the packages' sources
//   <!-- snippet: run -->         type-checked, then run against a fresh HTTP mock
//                                 (its address replaces http://127.0.0.1:4010)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readmePath = join(root, 'README.md');

interface Snippet {
  mode: 'typecheck' | 'run';
  /** 1-based line of the block's first code line in the README. */
  line: number;
  code: string;
}

/** The marked ```ts blocks of a Markdown text. */
function extractSnippets(markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    let above = i - 1;
    while (above >= 0 && lines[above]!.trim() === '') above--;
    const marker = /^<!--\s*snippet:\s*(typecheck|run)\s*-->$/.exec(lines[above]?.trim() ?? '');
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end === -1) throw new Error(`README.md:${i + 1}: unterminated code block`);
    if (marker) {
      snippets.push({
        mode: marker[1] as Snippet['mode'],
        line: i + 2,
        code: lines.slice(i + 1, end).join('\n'),
      });
    }
    i = end;
  }
  return snippets;
}

/** `@persona-kit/<pkg>[/<sub>]` → the TypeScript source its package exports for that entry. */
function workspacePaths(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const pkg of ['client', 'mock', 'contract', 'spec']) {
    const dir = join(root, 'packages', pkg);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const [entry, target] of Object.entries<Record<string, string> | string>(
      manifest.exports ?? {},
    )) {
      const source = typeof target === 'object' ? target['@persona-kit/source'] : undefined;
      if (!source) continue;
      paths[join(manifest.name, entry)] = [resolve(dir, source)];
    }
  }
  return paths;
}

const snippets = existsSync(readmePath) ? extractSnippets(readFileSync(readmePath, 'utf8')) : [];
const skipReason = !existsSync(readmePath)
  ? 'README.md not found'
  : snippets.length === 0
    ? 'README.md marks no ```ts block with <!-- snippet: typecheck --> or <!-- snippet: run -->'
    : null;
if (skipReason) console.warn(`⚠ README snippet test skipped: ${skipReason}`);

describe('extractSnippets', () => {
  it('takes the ts blocks with a marker right above them, and only those', () => {
    const markdown = [
      '<!-- snippet: typecheck -->',
      '```ts',
      'const a: number = 1;',
      '```',
      '```ts',
      'unmarked();',
      '```',
      '<!-- snippet: run -->',
      '',
      '```ts',
      'await go();',
      '```',
      '<!-- snippet: run -->',
      '```sh',
      'echo no',
      '```',
    ].join('\n');
    expect(extractSnippets(markdown)).toEqual([
      { mode: 'typecheck', line: 3, code: 'const a: number = 1;' },
      { mode: 'run', line: 11, code: 'await go();' },
    ]);
  });
});

describe.skipIf(skipReason !== null)('README.md snippets', () => {
  let dir: string;
  const files: string[] = [];

  beforeAll(async () => {
    // Inside the repository (.tmp/ is ignored by git) so that node_modules and
    // the root package's `"type": "module"` apply to the snippets too.
    await mkdir(join(root, '.tmp'), { recursive: true });
    dir = await mkdtemp(join(root, '.tmp', 'readme-snippets-'));
    for (const [n, snippet] of snippets.entries()) {
      const file = join(dir, `snippet-${n + 1}-line-${snippet.line}.ts`);
      await writeFile(file, `${snippet.code}\nexport {};\n`);
      files.push(file);
    }
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptionsJson(), paths: workspacePaths() } }),
    );
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('type-check', () => {
    const base = ts.getParsedCommandLineOfConfigFile(
      join(dir, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram(files, { ...base.options, noEmit: true });
    const wanted = new Set(files.map((f) => resolve(f)));
    // Only the snippets' own diagnostics: the packages are checked by the type check proper.
    const problems = program
      .getSourceFiles()
      .filter((file) => wanted.has(resolve(file.fileName)))
      .flatMap((file) => [
        ...program.getSyntacticDiagnostics(file),
        ...program.getSemanticDiagnostics(file),
      ])
      .map((d) => {
        const index = files.findIndex((f) => resolve(f) === resolve(d.file!.fileName));
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const readmeLine = snippets[index]!.line + line;
        return `README.md:${readmeLine}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  }, 120_000);

  const runnable = snippets.map((s, n) => ({ ...s, n })).filter((s) => s.mode === 'run');
  it.skipIf(runnable.length === 0)(
    'run against a fresh mock',
    async () => {
      const { startMockServer } = await import('@persona-kit/mock/node');
      for (const snippet of runnable) {
        const mock = await startMockServer({ port: 0, host: '127.0.0.1' });
        try {
          const file = join(dir, `run-${snippet.n + 1}.ts`);
          await writeFile(file, snippet.code.replaceAll('http://127.0.0.1:4010', mock.url));
          const result = await runTs(file, dir);
          expect(result.code, `README.md:${snippet.line}\n${result.output}`).toBe(0);
        } finally {
          await mock.close();
        }
      }
    },
    120_000,
  );
});

/** The repository's compiler options, as tsconfig.json text would give them. */
function compilerOptionsJson(): Record<string, unknown> {
  const text = readFileSync(join(root, 'tsconfig.base.json'), 'utf8');
  const { config } = ts.parseConfigFileTextToJson('tsconfig.base.json', text);
  return { ...config.compilerOptions, noEmit: true, declaration: false, sourceMap: false };
}

/** Runs a TypeScript file with tsx, which maps the workspace packages through tsconfig paths. */
function runTs(file: string, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@persona-kit/source', '--import', 'tsx', file],
      {
        cwd,
        env: { ...process.env, TSX_TSCONFIG_PATH: join(dirname(file), 'tsconfig.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}
