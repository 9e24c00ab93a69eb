// Builds the mock's console into a folder of its own, and checks a page with axe-core.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const mockDir = fileURLToPath(new URL('../../packages/mock/', import.meta.url));

/** `vite build` of packages/mock/console into `outDir` (the package build writes dist/console). */
export function buildConsole(outDir: string): Promise<void> {
  const vite = join(mockDir, 'node_modules/vite/bin/vite.js');
  const args = [
    vite,
    'build',
    '--config',
    'console/vite.config.ts',
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: mockDir, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`vite build of the console failed (${code}):\n${output}`)),
    );
  });
}

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it stands, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // The console's CSP forbids inline scripts (what addScriptTag adds): evaluate the source instead.
  if (!(await page.evaluate(() => 'axe' in window))) {
    axeSource ??= await readFile(axeScript, 'utf8');
    await page.evaluate(axeSource);
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
}
