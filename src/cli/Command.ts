import type { ParseArgsConfig } from 'node:util';
import type { ClientConfig } from '../config/ClientConfig.js';
import type { CliIo } from './CliIo.js';

/** Option definitions in `node:util` `parseArgs` form. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Parsed option values. */
export type OptionValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** What a command gets: the client config built from the global options, its own options and arguments. */
export interface CommandContext {
  readonly config: ClientConfig;
  readonly values: OptionValues;
  readonly positionals: readonly string[];
  /** `--json`: one JSON document on stdout (NDJSON for repeated output), nothing else there. */
  readonly json: boolean;
  readonly io: CliIo;
  readonly signal: AbortSignal;
  /** Directory relative file arguments resolve against. */
  readonly cwd: string;
}

/** One `ovms` sub-command. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The `--help` text (options, examples); the global options and exit codes are appended. */
  readonly help: string;
  readonly options: OptionSpecs;
  /** Allowed number of positional arguments. */
  readonly args: { readonly min: number; readonly max: number };
  /** Runs the command; resolves to the exit code, throws on failure (mapped by `exitCodeFor`). */
  run(context: CommandContext): Promise<number>;
}
