// Argument parsing shared by the commands that take one FILE: the same errors and --help everywhere.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function usageError(message: string, help: string): Error {
  const e = new Error(`${message}\n\n${help}`);
  e.name = 'UsageError';
  return e;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `FILE [options]`; returns null after printing the help for --help. */
export function parseFileCommand<O extends Options>(argv: string[], help: string, options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw usageError((e as Error).message, help);
  }
  const { values, positionals } = parsed;
  if ((values as { help?: boolean }).help) {
    console.log(help);
    return null;
  }
  if (positionals.length !== 1) throw usageError(positionals.length ? 'give one FILE' : 'FILE is missing', help);
  return { file: positionals[0]!, values: values as ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>>['values'] };
}
