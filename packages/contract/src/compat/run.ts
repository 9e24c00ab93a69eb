// The compat check as a command: reads Persona's published spec and the allow
// list, compares, prints every difference with its reason or as not allowed.
import { access, readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import {
  type AllowRule,
  type Classified,
  classify,
  parseAllowList,
  suggestRules,
} from './allow-list.js';
import { type Comparison, compareSpecs } from './compare.js';

export interface CompatOptions {
  /** Our bundled spec. */
  ours: object;
  /** Path of Persona's published spec (YAML or JSON). */
  upstreamPath: string;
  /** Path of the allow list (JSON). */
  allowListPath: string;
}

export interface CompatResult {
  /** The upstream spec was not there: nothing was compared. */
  skipped: boolean;
  comparison: Comparison | null;
  classified: Classified[];
  /** Rules that matched no difference: stale, to be removed. */
  unused: AllowRule[];
  /** Differences no rule allows. */
  notAllowed: Classified[];
  report: string;
  /** 0 when every difference is allowed (or the check was skipped), 1 otherwise. */
  exitCode: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function runCompat(options: CompatOptions): Promise<CompatResult> {
  if (!(await exists(options.upstreamPath))) {
    return {
      skipped: true,
      comparison: null,
      classified: [],
      unused: [],
      notAllowed: [],
      report: `compat: SKIPPED: Persona's published spec is not at ${options.upstreamPath} (set PERSONA_UPSTREAM_SPEC to its path)\n`,
      exitCode: 0,
    };
  }
  const text = await readFile(options.upstreamPath, 'utf8');
  const upstream = options.upstreamPath.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  const list = parseAllowList(
    JSON.parse(await readFile(options.allowListPath, 'utf8')),
    options.allowListPath,
  );
  const comparison = compareSpecs(
    options.ours as Record<string, unknown>,
    upstream as Record<string, unknown>,
  );
  const { classified, unused } = classify(comparison.differences, list);
  const notAllowed = classified.filter((c) => c.rule === null);

  const lines = [
    `compat: our spec against ${options.upstreamPath}`,
    `${comparison.compared.length} operations in both specs compared (same method and path).`,
    `${comparison.onlyOurs.length} operations only in ours, not compared: ${comparison.onlyOurs.join(', ') || 'none'}`,
    '',
  ];
  const byReason = new Map<string, Classified[]>();
  for (const item of classified) {
    if (!item.rule) continue;
    byReason.set(item.rule.reason, [...(byReason.get(item.rule.reason) ?? []), item]);
  }
  lines.push(`Kept on purpose (${classified.length - notAllowed.length}):`);
  for (const [reason, items] of byReason) {
    lines.push(`  ${reason}`);
    for (const { difference } of items) lines.push(`    ${difference.text}`);
  }
  if (unused.length > 0) {
    lines.push('', 'Allow-list rules that match no difference (remove them):');
    for (const rule of unused)
      lines.push(`  ${rule.kind} ${rule.items.join(', ')}: ${rule.reason}`);
  }
  lines.push('');
  if (notAllowed.length > 0) {
    lines.push(
      `NOT ALLOWED (${notAllowed.length}): fix our spec, or keep the difference with a reason in the allow list:`,
    );
    for (const { difference } of notAllowed) lines.push(`  ${difference.text}`);
    lines.push(
      '',
      'To keep them, paste these rules into the allow list and replace each TODO with the reason:',
      JSON.stringify(suggestRules(notAllowed.map((c) => c.difference)), null, 2).replace(
        /^\[\n|\n\]$/g,
        '',
      ),
    );
  } else {
    lines.push('Every difference from Persona’s spec is kept on purpose.');
  }
  return {
    skipped: false,
    comparison,
    classified,
    unused,
    notAllowed,
    report: `${lines.join('\n')}\n`,
    exitCode: notAllowed.length > 0 ? 1 : 0,
  };
}
