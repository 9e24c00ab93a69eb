import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferLines, fileLines, type LineSource } from './file-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'persona-mock-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function visited(source: LineSource) {
  const lines: Array<[string, number]> = [];
  const size = await source((bytes, start, end, offset) => {
    lines.push([bytes.toString('utf8', start, end), offset]);
  });
  return { lines, size };
}

describe('lines of a file', () => {
  // Lines shorter and longer than the 16-byte chunk, multi-byte letters across chunk edges, a torn tail.
  const text = `short\n${'x'.repeat(40)}\nçà☕ across the edge\n\n${'y'.repeat(15)}\ntorn tail`;
  const file = join(dir, 'lines.txt');
  writeFileSync(file, text);

  it('visits every whole line with its offset, a chunk at a time, and leaves a torn tail out', async () => {
    const whole = await visited(bufferLines(Buffer.from(text)));
    expect(whole.lines.map(([line]) => line)).toEqual(text.split('\n').slice(0, -1));
    for (const chunk of [16, 17, 64, 4096]) {
      expect(await visited(fileLines(file, 0, chunk)), `chunk ${chunk}`).toEqual(whole);
    }
    expect(whole.size).toBe(Buffer.byteLength(text));
  });

  it('starts at an offset, and reports offsets in the whole file', async () => {
    const from = text.indexOf('\n') + 1;
    const { lines } = await visited(fileLines(file, from, 16));
    expect(lines[0]).toEqual(['x'.repeat(40), from]);
    expect(lines).toEqual((await visited(bufferLines(Buffer.from(text), from))).lines);
  });
});
