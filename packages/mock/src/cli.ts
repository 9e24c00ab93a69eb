#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDuration } from './core/clock.js';
import { ApiError } from './core/errors.js';
import type { MockCore } from './core/mock-core.js';
import { parseSeed, type SeedFile } from './core/seed.js';
import type { FaultOptions } from './http/faults.js';
import { checkFaults } from './http/faults-config.js';
// Not the node entry: it loads msw/node, which the HTTP server does not use.
import { FileJournal, type SyncMode } from './node/journal-storage.js';
import { ADMIN_TOKEN_ENV, adminTokenFor } from './server/admin-token-flag.js';
import { startMockServer } from './server/http-server.js';
import { listenOrExplain, stopOnSignals } from './server/lifecycle.js';
import {
  type AccountCsv,
  applyImport,
  type ImportMode,
  importModes,
  parseAccountCsv,
  planImport,
} from './services/importer.js';

const usage = `persona-mock: a stateful mock of Persona's API over HTTP

Usage: persona-mock [options]
       persona-mock listen --forward-to <url> --api-key <key> [--base-url <url>]
       persona-mock trigger <event-name> --api-key <key> [--base-url <url>]

  --port <n>            port to listen on (default 4010)
  --host <addr>         address to listen on (default 127.0.0.1); any address
                        but loopback needs --admin-token
  --admin-token <t>     token for the admin routes under /__mock/, sent as
                        Persona-Mock-Admin-Token (or set ${ADMIN_TOKEN_ENV})
  --db <file.json>      keep data in this file and a journal beside it
                        (default: in memory)
  --db-sync <mode>      always (default): each write is on disk before it is
                        answered; none: leave flushing to the system (faster,
                        a power cut may lose the last writes)
  --seed <file>         YAML or JSON seed for new organizations
  --latency <ms|a-b>    add latency to every answer (e.g. 50 or 20-200)
  --error-rate <0..1>   answer this share of requests with 503
  --rate-limit <n[/s]>  allow n requests per API key per window (default 60 s)
  --import <file.csv>   import accounts from this CSV file before serving
                        (columns: reference_id, name_first, name_middle,
                        name_last, birthdate, social_security_number, tags)
  --api-key <key>       the API key whose organization --import fills
  --mode <mode>         create, update or upsert (default create)
  --async <duration>    workflow runs stay in_progress this long on the
                        organization's clock (e.g. 30s); instant by default
  --quiet               do not log requests
  --exit-with-parent    stop when the process that started this one ends
                        (what \`pnpm mock\` uses, so no server is left behind)
  --help                show this help

The API is served at http://<host>:<port>/api/v1; admin routes under /__mock/.
Seed format, admin routes and faults: @persona-kit/mock's README (packages/mock/README.md).`;

/** A mistake in the flags: answered with the usage text. */
class UsageError extends Error {}

export function parseCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): {
  port: number;
  host: string;
  adminToken?: string;
  db?: string;
  dbSync: SyncMode;
  seed?: SeedFile;
  faults: FaultOptions;
  import?: AccountsImport;
  asyncMs?: number;
  quiet: boolean;
  exitWithParent: boolean;
  help: boolean;
} {
  const { values } = parseFlags(argv);
  const port = values.port === undefined ? 4010 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got ${values.port}`);
  const faults: Record<string, unknown> = {};
  if (values.latency !== undefined) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(values.latency);
    if (!range)
      throw new UsageError(
        `--latency must be milliseconds or a range like 20-200, got ${values.latency}`,
      );
    faults.latency =
      range[2] === undefined ? Number(range[1]) : [Number(range[1]), Number(range[2])];
  }
  if (values['error-rate'] !== undefined) faults.errorRate = Number(values['error-rate']);
  if (values['rate-limit'] !== undefined) {
    const limit = /^(\d+)(?:\/(\d+)s)?$/.exec(values['rate-limit']);
    if (!limit)
      throw new UsageError(
        `--rate-limit must look like 100 or 100/60s, got ${values['rate-limit']}`,
      );
    faults.rateLimit = {
      limit: Number(limit[1]),
      ...(limit[2] ? { windowMs: Number(limit[2]) * 1000 } : {}),
    };
  }
  let seed: SeedFile | undefined;
  if (values.seed !== undefined) {
    seed = readSeedFile(values.seed);
  }
  let accountsImport: AccountsImport | undefined;
  if (values.import !== undefined) {
    if (values['api-key'] === undefined) {
      throw new UsageError('--import needs --api-key <key>: the organization to import into');
    }
    const mode = (values.mode ?? 'create') as ImportMode;
    if (!importModes.includes(mode)) {
      throw new UsageError(`--mode must be create, update or upsert, got ${values.mode}`);
    }
    accountsImport = { file: values.import, apiKey: values['api-key'], mode };
  } else if (values['api-key'] !== undefined || values.mode !== undefined) {
    throw new UsageError('--api-key and --mode go with --import <file.csv>');
  }
  const dbSync = (values['db-sync'] ?? 'always') as SyncMode;
  if (dbSync !== 'always' && dbSync !== 'none') {
    throw new UsageError(`--db-sync must be always or none, got ${values['db-sync']}`);
  }
  if (values['db-sync'] !== undefined && values.db === undefined) {
    throw new UsageError('--db-sync goes with --db <file.json>');
  }
  const host = values.host ?? '127.0.0.1';
  const adminToken = adminTokenFor(host, values['admin-token'], env);
  return {
    port,
    host,
    ...(adminToken !== undefined ? { adminToken } : {}),
    ...(values.db !== undefined ? { db: values.db } : {}),
    dbSync,
    ...(seed ? { seed } : {}),
    faults: checkFlagFaults(faults),
    ...(accountsImport ? { import: accountsImport } : {}),
    ...(values.async !== undefined ? { asyncMs: asyncFlag(values.async) } : {}),
    quiet: values.quiet ?? false,
    exitWithParent: values['exit-with-parent'] ?? false,
    help: values.help ?? false,
  };
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      // `pnpm mock -- --port 5000` hands the separator through: it means nothing here.
      args: argv.filter((arg, i) => arg !== '--' || i !== argv.indexOf('--')),
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'admin-token': { type: 'string' },
        db: { type: 'string' },
        'db-sync': { type: 'string' },
        seed: { type: 'string' },
        latency: { type: 'string' },
        'error-rate': { type: 'string' },
        'rate-limit': { type: 'string' },
        import: { type: 'string' },
        'api-key': { type: 'string' },
        mode: { type: 'string' },
        async: { type: 'string' },
        quiet: { type: 'boolean' },
        'exit-with-parent': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function asyncFlag(text: string): number {
  const ms = parseDuration(text);
  if (ms === null || ms <= 0)
    throw new UsageError(`--async must be a duration such as 30s, 5m or 1h, got ${text}`);
  return ms;
}

function checkFlagFaults(faults: Record<string, unknown>): FaultOptions {
  try {
    return checkFaults(faults);
  } catch (error) {
    throw new UsageError(
      error instanceof ApiError ? (error.details ?? error.title) : String(error),
    );
  }
}

/** A seed file the mock refuses stops it with the reason and where the format is described. */
function readSeedFile(file: string): SeedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--seed ${file}: cannot read it (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    return parseSeed(text, file.endsWith('.json') ? 'application/json' : 'application/yaml');
  } catch (error) {
    const reason = error instanceof ApiError ? (error.details ?? error.title) : String(error);
    throw new Error(`--seed ${file}: ${reason}`);
  }
}

async function main() {
  // The subcommands are loaded only when asked for: the server starts without them.
  if (process.argv[2] === 'listen') {
    const { listenCommand } = await import('./listen/listen.js');
    await listenCommand(process.argv.slice(3));
    return;
  }
  if (process.argv[2] === 'trigger') {
    const { triggerCommand } = await import('./trigger/trigger.js');
    return triggerCommand(process.argv.slice(3));
  }
  let options: ReturnType<typeof parseCli>;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    const help = error instanceof UsageError ? `\n\n${usage}` : '';
    console.error(`persona-mock: ${(error as Error).message}${help}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(usage);
    return;
  }
  // A file the importer refuses stops the mock before it serves anything.
  let csv: AccountCsv | undefined;
  if (options.import) {
    try {
      csv = parseAccountCsv(readFileSync(options.import.file, 'utf8'));
    } catch (error) {
      const reason =
        error instanceof ApiError ? (error.details ?? error.title) : (error as Error).message;
      console.error(
        `persona-mock: cannot import ${options.import.file}: ${reason.replace('data[attributes][file]', 'the file')}`,
      );
      process.exit(1);
    }
  }
  const server = await listenOrExplain(
    () =>
      startMockServer({
        port: options.port,
        host: options.host,
        ...(options.adminToken !== undefined ? { adminToken: options.adminToken } : {}),
        faults: options.faults,
        ...(options.asyncMs ? { async: options.asyncMs } : {}),
        ...(options.seed ? { seed: options.seed } : {}),
        ...(options.db ? { storage: new FileJournal(options.db, { sync: options.dbSync }) } : {}),
        ...(options.quiet ? {} : { log: (line: string) => console.log(line) }),
      }),
    options,
  );
  if (options.import && csv) {
    // Synchronous from the listen to the end of the import: no request is handled before it is done.
    importAccountsFile(server.mock.core, options.import, csv);
    await server.mock.core.store.commit();
  }
  console.log(
    `persona-mock listening on ${server.baseUrl}${options.db ? ` (data in ${options.db})` : ''}`,
  );
  stopOnSignals(server, options.exitWithParent);
}

interface AccountsImport {
  file: string;
  apiKey: string;
  mode: ImportMode;
}

/** Imports checked CSV rows into the API key's organization, reporting progress on stderr. */
function importAccountsFile(core: MockCore, options: AccountsImport, csv: AccountCsv): void {
  const started = performance.now();
  const org = core.orgFor(options.apiKey);
  const count = (n: unknown) => (n as number).toLocaleString('en-US');
  const say = (line: string) => console.error(`persona-mock: ${line}`);
  say(`importing ${count(csv.rows.length)} rows of ${options.file} (mode ${options.mode})`);
  const plan = planImport(org, csv, options.mode);
  const importer = applyImport(org, core.now(org), plan, {
    fileName: basename(options.file),
    onProgress: (done, total) => {
      if (total === 0) return;
      const share = Math.round((done / total) * 100);
      say(`import ${share}% (${count(done)} of ${count(total)} accounts written)`);
    },
  });
  const a = { ...importer.attributes, ...importer.internal };
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say(
    `import ${importer.id} done in ${seconds} s: ${count(a.createdCount)} created, ` +
      `${count(a.updatedCount)} updated, ${count(a['duplicate-count'])} duplicates, ` +
      `${count(a['error-count'])} rows with errors`,
  );
  const rowErrors = a.rowErrors as { row: number; errors: string[] }[];
  for (const error of rowErrors.slice(0, 10)) say(`  row ${error.row}: ${error.errors.join('; ')}`);
  if (rowErrors.length > 10) {
    say(`  … and ${count(rowErrors.length - 10)} more (GET /__mock/objects/${importer.id})`);
  }
}

main().catch((error: unknown) => {
  console.error(`persona-mock: ${(error as Error).message}`);
  process.exit(1);
});
