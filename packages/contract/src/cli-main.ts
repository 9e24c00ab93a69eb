// persona-contract: the scenario suite against any server, from a shell or CI.
import { readFile, writeFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { parseFlags, UsageError } from './cli-flags.js';
import { probeServer } from './probe.js';
import { runReceive } from './receive-cli.js';
import { prettyReport, type Reporter, report, reporters, summaryLines } from './reporters/index.js';
import type { Fixtures } from './suite/fixtures.js';
import { runSuite, scenarioTags } from './suite/runner.js';
import type { Mode } from './suite/types.js';

export const usage = `persona-contract: runs the contract scenarios against a server and checks every answer against the spec

Usage: persona-contract --base-url <url> --api-key <key> [options]
       persona-contract receive --secret <secret> [--port <port>]   (checks webhook deliveries)

  --base-url <url>      the API's base URL, e.g. http://127.0.0.1:4010/api/v1
  --api-key <key>       the API key (or set PERSONA_API_KEY)
  --only <tags>         run only scenarios with these tags (comma-separated): ${scenarioTags().join(', ')}
  --mode <mode>         stateful (default) or schema-only, for stateless servers such as prism mock
  --reporter <name>     pretty (default), json or junit
  --output <file>       write the json or junit report to this file instead of stdout
  --fixtures <file>     JSON or YAML ids the scenarios need (account types, templates, a workflow)
  --strict              additive drift (an attribute, relationship or enum value the spec does not
                        know) fails too; always on against persona-kit's mock
  --help                show this help

Exits 0 when every step passed and no answer drifted in a breaking way (in any way with --strict),
1 otherwise, 2 on a usage error.`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Stops `receive`; default: SIGINT or SIGTERM. */
  stop?: AbortSignal;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

interface CliOptions {
  baseUrl: string;
  apiKey: string;
  only?: string[];
  mode: Mode;
  reporter: Reporter;
  output?: string;
  fixtures?: string;
  strict?: boolean;
}

function parse(argv: string[], env: CliIo['env']): CliOptions | 'help' {
  const values = parseFlags(argv, {
    'base-url': { type: 'string' },
    'api-key': { type: 'string' },
    only: { type: 'string' },
    mode: { type: 'string' },
    reporter: { type: 'string' },
    output: { type: 'string' },
    fixtures: { type: 'string' },
    strict: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  const baseUrl = values['base-url'] as string | undefined;
  if (!baseUrl) throw new UsageError('--base-url is required');
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url must be a URL, got ${baseUrl}`);
  }
  const apiKey = (values['api-key'] as string | undefined) ?? env.PERSONA_API_KEY;
  if (!apiKey) throw new UsageError('--api-key (or PERSONA_API_KEY) is required');
  const mode = (values.mode as string | undefined) ?? 'stateful';
  if (mode !== 'stateful' && mode !== 'schema-only') {
    throw new UsageError(`--mode must be stateful or schema-only, got ${mode}`);
  }
  const reporter = (values.reporter as string | undefined) ?? 'pretty';
  if (!reporters.includes(reporter as Reporter)) {
    throw new UsageError(`--reporter must be one of ${reporters.join(', ')}, got ${reporter}`);
  }
  const options: CliOptions = { baseUrl, apiKey, mode, reporter: reporter as Reporter };
  if (typeof values.only === 'string') {
    options.only = values.only
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const known = new Set(scenarioTags());
    const unknown = options.only.filter((t) => !known.has(t));
    if (unknown.length > 0) {
      throw new UsageError(
        `--only: unknown tag ${unknown.join(', ')} (tags: ${[...known].join(', ')})`,
      );
    }
  }
  if (typeof values.output === 'string') options.output = values.output;
  if (typeof values.fixtures === 'string') options.fixtures = values.fixtures;
  if (values.strict === true) options.strict = true;
  return options;
}

async function readFixtures(file: string): Promise<Fixtures> {
  const text = await readFile(file, 'utf8');
  const parsed = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`--fixtures ${file} must hold an object of ids`);
  }
  return parsed as Fixtures;
}

/** Runs the CLI; answers the exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  if (argv[0] === 'receive') return runReceive(argv.slice(1), io);
  let options: CliOptions | 'help';
  let fixtures: Fixtures | undefined;
  try {
    options = parse(argv, io.env);
    if (options === 'help') {
      io.stdout(`${usage}\n`);
      return 0;
    }
    if (options.fixtures) fixtures = await readFixtures(options.fixtures);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof SyntaxError)) throw error;
    io.stderr(`persona-contract: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }

  const reachable = await probeServer(options.baseUrl, options.apiKey);
  if (!reachable.ok) {
    io.stderr(`persona-contract: ${reachable.message}\n`);
    return 1;
  }

  const result = await runSuite({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    mode: options.mode,
    ...(options.strict ? { strict: true } : {}),
    ...(options.only ? { only: options.only } : {}),
    ...(fixtures ? { fixtures } : {}),
  });

  if (options.reporter === 'pretty') {
    io.stdout(prettyReport(result));
  } else {
    const text = report(result, options.reporter);
    // The machine-readable report goes where asked; the human summary goes beside it.
    if (options.output) {
      await writeFile(options.output, text);
      io.stdout(`${summaryLines(result).join('\n')}\n`);
    } else {
      io.stdout(text);
      io.stderr(`${summaryLines(result).join('\n')}\n`);
    }
  }
  return result.ok ? 0 : 1;
}
