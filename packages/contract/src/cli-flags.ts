// The flag parsing both persona-contract commands share.
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A mistake in the command line: answered with the usage and exit code 2. */
export class UsageError extends Error {}

export type Flags = Record<string, string | string[] | boolean | undefined>;

/** The flags of a command that takes no positionals; an unknown or malformed flag is a UsageError. */
export function parseFlags(argv: string[], options: ParseArgsConfig['options']): Flags {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
