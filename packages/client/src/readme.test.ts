// Every ```ts block of README.md must compile against the package as users import it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

function compilerOptions(): ts.CompilerOptions {
  const base = join(packageDir, '../../tsconfig.base.json');
  const { config } = ts.readConfigFile(base, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(base));
  return { ...options, noEmit: true, declaration: false, sourceMap: false };
}

describe('README.md', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  it('has examples that compile', () => {
    // Each block is its own module inside the package, so `@persona-kit/client` resolves to
    // this package by its own name, through the source condition.
    const files = new Map(blocks.map((code, i) => [join(packageDir, `src/readme-${i}.ts`), code]));
    const options = compilerOptions();
    const host = ts.createCompilerHost(options);
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
    host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
    host.getSourceFile = (name, version, ...rest) => {
      const code = files.get(name);
      return code === undefined
        ? getSourceFile.call(host, name, version, ...rest)
        : ts.createSourceFile(name, code, version, true);
    };
    const program = ts.createProgram([...files.keys()], options, host);
    // Only the blocks are checked: the package itself is the root type check's business.
    const problems = [...files.keys()]
      .map((name) => program.getSourceFile(name))
      .flatMap((file) => [
        ...program.getSyntacticDiagnostics(file),
        ...program.getSemanticDiagnostics(file),
      ])
      .map((d) => {
        const { line } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? { line: 0 };
        const block = [...files.keys()].indexOf(d.file?.fileName ?? '') + 1;
        return `block ${block}, line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  }, 120_000); // a whole TypeScript program: slow on a busy machine
});
