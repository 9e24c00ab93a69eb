import { describe, expect, it, vi } from 'vitest';

// cli.ts starts the server when imported: stop it from doing anything but parse.
vi.mock('./node/index.js', () => ({ fileStorage: vi.fn(), startMockServer: vi.fn() }));

describe('persona-mock --async', () => {
  it('reads a duration, and names a bad one', async () => {
    const argv = process.argv;
    process.argv = [argv[0]!, 'cli', '--help'];
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { parseCli } = await import('./cli.js');
    process.argv = argv;
    log.mockRestore();
    expect(parseCli(['--async', '30s']).asyncMs).toBe(30_000);
    expect(parseCli([]).asyncMs).toBeUndefined();
    expect(() => parseCli(['--async', 'later'])).toThrow('--async must be a duration');
  });
});
