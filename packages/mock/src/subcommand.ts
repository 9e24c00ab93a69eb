/**
 * A CLI subcommand's options: usage mistakes print the usage and exit 2;
 * `help` prints it and answers undefined.
 */
export function subcommandOptions<T>(
  name: string,
  argv: string[],
  parse: (argv: string[]) => T | 'help',
  usage: string,
): T | undefined {
  let options: T | 'help';
  try {
    options = parse(argv);
  } catch (error) {
    console.error(`persona-mock ${name}: ${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(usage);
    return undefined;
  }
  return options;
}
