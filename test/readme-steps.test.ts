import { describe, expect, it } from 'vitest';
import { readmeSteps } from './support/readme-steps.js';

const fence = '```';

describe('reading a README as steps', () => {
  it('splits shell blocks into commands, across continuations, open quotes and $(…)', () => {
    const markdown = [
      `${fence}sh`,
      '# a comment line',
      'ID=$(curl -s http://x \\',
      '  -d \'{"a":1,',
      '       "b":2}\' \\',
      "  | node -pe 'JSON.parse(1)')",
      '',
      'echo "$ID"   # a trailing comment (with a parenthesis',
      fence,
      '```',
      'not a shell block',
      fence,
    ].join('\n');
    expect(readmeSteps(markdown)).toEqual([
      {
        kind: 'command',
        line: 3,
        command: [
          'ID=$(curl -s http://x \\',
          '  -d \'{"a":1,',
          '       "b":2}\' \\',
          "  | node -pe 'JSON.parse(1)')",
        ].join('\n'),
      },
      {
        kind: 'command',
        line: 8,
        command: 'echo "$ID"   # a trailing comment (with a parenthesis',
      },
    ]);
  });

  it('saves the run snippet under the name the prose gives', () => {
    const markdown = [
      'Save this as `try.ts` in the root folder:',
      '',
      '<!-- snippet: run -->',
      `${fence}ts`,
      'console.log(1);',
      fence,
      '<!-- snippet: typecheck -->',
      `${fence}ts`,
      'const x = 1;',
      fence,
    ].join('\n');
    expect(readmeSteps(markdown)).toEqual([
      { kind: 'file', line: 5, name: 'try.ts', code: 'console.log(1);\n' },
    ]);
  });

  it('refuses a command that never ends', () => {
    expect(() => readmeSteps(`${fence}sh\necho 'open\n${fence}`)).toThrow(/never ends/);
  });
});
