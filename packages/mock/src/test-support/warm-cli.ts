/**
 * `persona-mock`, started in two steps: this process loads the CLI's modules
 * and compiles the spec's validators at once, then waits for one line on
 * stdin (the CLI's arguments, as JSON) before it runs the CLI. A test that
 * kills and restarts the mock many times starts the next one while the
 * current one still runs, so each restart costs opening the files, not
 * loading the code.
 */
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { getResponse } from 'msw';
import { createPersonaMock } from '../index.js';
import '../node/index.js';
import '../services/importer.js';

// A create and a list in memory first: the validators they need are compiled before the start.
const warm = createPersonaMock();
await warm.ready;
const headers = { Authorization: 'Bearer warm-up', 'Content-Type': 'application/json' };
const base = 'https://api.withpersona.com/api/v1/accounts';
const body = JSON.stringify({ data: { attributes: { 'reference-id': 'warm' } } });
await getResponse(warm.handlers, new Request(base, { method: 'POST', headers, body }));
await getResponse(warm.handlers, new Request(`${base}?page[size]=100`, { headers }));

const lines = createInterface({ input: process.stdin });
const first = await new Promise<string>((resolve) => lines.once('line', resolve));
lines.close();
process.stdin.destroy();
const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
process.argv = [process.argv[0] as string, cli, ...(JSON.parse(first) as string[])];
await import('../cli.js');
