#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseSeed, type SeedFile } from './core/seed.js';
import type { FaultOptions } from './http/faults.js';
import { checkFaults } from './http/faults-config.js';
import { fileStorage, startMockServer } from './node/index.js';

const usage = `persona-mock: a stateful mock of Persona's API over HTTP

Usage: persona-mock [options]

  --port <n>            port to listen on (default 4010)
  --host <addr>         address to listen on (default 127.0.0.1)
  --db <file.json>      keep data in this JSON file (default: in memory)
  --seed <file>         YAML or JSON seed for new organizations
  --latency <ms|a-b>    add latency to every answer (e.g. 50 or 20-200)
  --error-rate <0..1>   answer this share of requests with 503
  --rate-limit <n[/s]>  allow n requests per API key per window (default 60 s)
  --quiet               do not log requests
  --help                show this help

The API is served at http://<host>:<port>/api/v1; admin routes under /__mock/.`;

export function parseCli(argv: string[]): {
  port: number;
  host: string;
  db?: string;
  seed?: SeedFile;
  faults: FaultOptions;
  quiet: boolean;
  help: boolean;
} {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      'error-rate': { type: 'string' },
      'rate-limit': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  const faults: Record<string, unknown> = {};
  if (values.latency !== undefined) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(values.latency);
    if (!range)
      throw new Error(
        `--latency must be milliseconds or a range like 20-200, got ${values.latency}`,
      );
    faults.latency =
      range[2] === undefined ? Number(range[1]) : [Number(range[1]), Number(range[2])];
  }
  if (values['error-rate'] !== undefined) faults.errorRate = Number(values['error-rate']);
  if (values['rate-limit'] !== undefined) {
    const limit = /^(\d+)(?:\/(\d+)s)?$/.exec(values['rate-limit']);
    if (!limit)
      throw new Error(`--rate-limit must look like 100 or 100/60s, got ${values['rate-limit']}`);
    faults.rateLimit = {
      limit: Number(limit[1]),
      ...(limit[2] ? { windowMs: Number(limit[2]) * 1000 } : {}),
    };
  }
  let seed: SeedFile | undefined;
  if (values.seed !== undefined) {
    const text = readFileSync(values.seed, 'utf8');
    seed = parseSeed(text, values.seed.endsWith('.json') ? 'application/json' : 'application/yaml');
  }
  return {
    port,
    host: values.host ?? '127.0.0.1',
    ...(values.db !== undefined ? { db: values.db } : {}),
    ...(seed ? { seed } : {}),
    faults: checkFaults(faults),
    quiet: values.quiet ?? false,
    help: values.help ?? false,
  };
}

async function main() {
  let options: ReturnType<typeof parseCli>;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(`persona-mock: ${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage);
    return;
  }
  const server = await startMockServer({
    port: options.port,
    host: options.host,
    faults: options.faults,
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.db ? { storage: fileStorage(options.db) } : {}),
    ...(options.quiet ? {} : { log: (line: string) => console.log(line) }),
  });
  console.log(
    `persona-mock listening on ${server.baseUrl}${options.db ? ` (data in ${options.db})` : ''}`,
  );
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`persona-mock: ${(error as Error).message}`);
  process.exit(1);
});
