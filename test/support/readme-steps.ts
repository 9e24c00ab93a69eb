// The steps a reader of a README performs: each shell command of its ```sh
// blocks (a command may span lines: a trailing backslash, an open quote or
// `$(`), and each file it says to save ("Save this as `name`" above a
// `<!-- snippet: run -->` block).

export type ReadmeStep =
  | { kind: 'command'; line: number; command: string }
  | { kind: 'file'; line: number; name: string; code: string };

export function readmeSteps(markdown: string): ReadmeStep[] {
  const lines = markdown.split('\n');
  const steps: ReadmeStep[] = [];
  let prose = '';
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!fence) {
      prose = `${prose}\n${lines[i]}`.slice(-600);
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end === -1) throw new Error(`line ${i + 1}: unterminated code block`);
    const body = lines.slice(i + 1, end);
    const language = fence[1] ?? '';
    if (/^(sh|bash|shell)$/.test(language)) {
      steps.push(...shellCommands(body, i + 2));
    } else if (
      /^(ts|typescript)$/.test(language) &&
      /<!--\s*snippet:\s*run\s*-->\s*$/.test(prose)
    ) {
      const name = /[Ss]ave (?:it|this) as `([^`]+)`/.exec(prose)?.[1];
      if (name) steps.push({ kind: 'file', line: i + 2, name, code: `${body.join('\n')}\n` });
    }
    prose = '';
    i = end;
  }
  return steps;
}

/** Splits a shell block into commands, leaving out blank lines and comments. */
export function shellCommands(lines: string[], firstLine: number): ReadmeStep[] {
  const commands: ReadmeStep[] = [];
  let current: string[] = [];
  let start = firstLine;
  let quote: "'" | '"' | undefined;
  let depth = 0;
  for (const [offset, line] of lines.entries()) {
    if (current.length === 0) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      start = firstLine + offset;
    }
    current.push(line);
    let escaped = false;
    for (let c = 0; c < line.length; c++) {
      const ch = line[c];
      if (escaped) {
        escaped = false;
        continue;
      }
      if (quote === "'") {
        if (ch === "'") quote = undefined;
        continue;
      }
      if (ch === '\\') {
        escaped = true;
        continue;
      }
      if (quote === '"') {
        if (ch === '"') quote = undefined;
        else if (ch === '$' && line[c + 1] === '(') depth++;
        continue;
      }
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (ch === '#' && (c === 0 || /\s/.test(line[c - 1] ?? ''))) break;
    }
    const continued = /\\\s*$/.test(line) && !line.trimEnd().endsWith('\\\\');
    if (quote === undefined && depth <= 0 && !continued) {
      commands.push({ kind: 'command', line: start, command: current.join('\n') });
      current = [];
      depth = 0;
    }
  }
  if (current.length > 0) {
    throw new Error(`line ${start}: a command that never ends (open quote or parenthesis)`);
  }
  return commands;
}
