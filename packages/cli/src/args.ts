// Command-line parsing for `jobkit`: a command, positional arguments and --flags
// (`--name value`, `--name=value`, boolean switches).

import type { FieldValidation } from '@jobkit/api';
import { managedByErrors } from '@jobkit/validation';
import { isOutputFormat, noPrinterMessage, type OutputFormat } from './present/printers.js';

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly flags: ReadonlyMap<string, string | true>;
  /** Every value of each value flag, in order (a flag given more than once, e.g. --worker). */
  readonly lists: ReadonlyMap<string, readonly string[]>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const shortFlags: Readonly<Record<string, string>> = { '-f': 'filename', '-o': 'output', '-c': 'container' };

/**
 * `valueFlags` take a value; `switches` take none; `optionalValue` flags take one only as
 * `--name=value` and are `true` when bare, as pflag's NoOptDefVal (kubectl's `--validate`,
 * `--validate=warn`). Unknown flags are errors.
 */
export function parseArgs(
  argv: readonly string[],
  valueFlags: ReadonlySet<string>,
  switches: ReadonlySet<string>,
  optionalValue: ReadonlySet<string> = new Set(),
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    // kubectl's short flags: -f FILE|-|DIR, -o FORMAT, -c CONTAINER, also as -o=FORMAT and -oFORMAT (pflag); -p (--previous).
    if (arg === '-p' && switches.has('previous')) {
      flags.set('previous', true);
      continue;
    }
    const short = shortFlags[arg.slice(0, 2)];
    if (short !== undefined && valueFlags.has(short)) {
      const value = arg.length > 2 ? arg.slice(2).replace(/^=/, '') : argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      flags.set(short, value);
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (valueFlags.has(name)) {
        const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
        lists.set(name, [...(lists.get(name) ?? []), value]);
      } else if (optionalValue.has(name)) {
        flags.set(name, eq === -1 ? true : arg.slice(eq + 1));
      } else if (switches.has(name)) {
        if (eq !== -1) throw new UsageError(`--${name} takes no value`);
        flags.set(name, true);
      } else throw new UsageError(`unknown flag --${name}`);
      continue;
    }
    if (command === undefined) command = arg;
    else positionals.push(arg);
  }
  return { command, positionals, flags, lists };
}

/** `-o` given a format no printer serves: kubectl's message, printed as `error: …` (exit 2). */
export class OutputFormatError extends UsageError {
  constructor(value: string) {
    super(noPrinterMessage(value));
    this.name = 'OutputFormatError';
  }
}

/**
 * `-o FORMAT` / `--output FORMAT`, with `--json` kept as the old spelling of `-o json`;
 * undefined for the command's own human output.
 */
export function outputFlag(args: ParsedArgs): OutputFormat | undefined {
  const value = stringFlag(args, 'output');
  const json = args.flags.has('json');
  if (value === undefined) return json ? 'json' : undefined;
  if (!isOutputFormat(value)) throw new OutputFormatError(value);
  if (json && value !== 'json') throw new UsageError(`--json is -o json; it cannot go with -o ${value}`);
  return value;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A flag that must be a positive integer (e.g. --max-processes 8); a UsageError otherwise. */
export function positiveIntegerFlag(args: ParsedArgs, name: string): number | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} ${value}: expected a positive integer such as 8`);
  return n;
}

/**
 * `--managed-by NAME` of `command`: required, and a value the API server accepts as
 * spec.managedBy; `jobs` says whose spec.managedBy it is (in the missing-flag message).
 */
export function managedByFlag(value: string | undefined, command: string, jobs: string): string {
  if (value === undefined) throw new UsageError(`${command} needs --managed-by NAME (the value of the ${jobs}' spec.managedBy)`);
  const problems = managedByErrors(value);
  if (problems.length > 0) throw new UsageError(`--managed-by: Invalid value: ${JSON.stringify(value)}: ${problems.join('; ')}`);
  return value;
}

/**
 * kubectl's `--validate` (cmdutil.GetValidationDirective): strict (or true, or bare) rejects a
 * Job with unknown fields, warn decodes it with a warning per field, ignore (or false) says
 * nothing. Absent: strict, kubectl's default.
 */
export function validationFlag(args: ParsedArgs): FieldValidation {
  const value = args.flags.get('validate');
  if (value === undefined || value === true) return 'Strict';
  switch (value.toLowerCase()) {
    case 'strict':
    case 'true':
      return 'Strict';
    case 'warn':
      return 'Warn';
    case 'ignore':
    case 'false':
      return 'Ignore';
  }
  throw new UsageError(`--validate=${value}: must be one of: strict (or true), warn, ignore (or false)`);
}
