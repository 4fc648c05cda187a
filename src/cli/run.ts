import { parseArgs } from 'node:util';
import { createConfig } from '../config/createConfig.js';
import type { ClientConfig } from '../config/ClientConfig.js';
import { isOvmsError } from '../errors/OvmsError.js';
import type { CliIo } from './CliIo.js';
import type { Command, OptionSpecs } from './Command.js';
import { allCommands } from './commands/allCommands.js';
import { exitCodeFor } from './exitCodeFor.js';
import { EXIT_CODES, EXIT_CODES_HELP } from './exitCodes.js';
import { toJsonText } from './format/toJsonText.js';
import { numberOption } from './numberOption.js';
import { usageError } from './usageError.js';

const DEFAULT_URL = 'http://localhost:9000';

const GLOBAL_OPTIONS = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

const GLOBAL_HELP = `Global options (anywhere on the line):
  --url <url>        OVMS REST address (default: $OVMS_API_URL, else ${DEFAULT_URL})
  --api-key <key>    sent as Authorization: Bearer <key> (default: $OVMS_API_KEY)
  --timeout <ms>     per-request timeout (default 30000)
  --json             machine-readable output on stdout (errors too: {"error": {...}})
  -h, --help         help (also: ovms help <command>)`;

/** The top-level `--help` text. */
export function mainHelp(): string {
  const width = Math.max(...allCommands.map((c) => c.name.length));
  return `Usage: ovms <command> [arguments] [options]

A command line for OpenVINO Model Server.

Commands:
${allCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

${GLOBAL_HELP}

${EXIT_CODES_HELP}

Run 'ovms <command> --help' for a command's options.
`;
}

const commandHelp = (command: Command): string => `${command.help}\n\n${GLOBAL_HELP}\n\n${EXIT_CODES_HELP}\n`;

/** An error as one line for a person, with a hint for the usual causes. */
function describe(error: unknown, url: string | undefined, command: string | undefined): string {
  if (!isOvmsError(error)) return `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  const where = url === undefined ? '' : ` at ${url}`;
  switch (error.reason._tag) {
    case 'Transport':
    case 'Timeout':
      return `cannot reach OVMS${where}: ${error.message}\nhint: is the server running? Set --url or OVMS_API_URL.`;
    case 'Status':
      if (error.status === 404) return `not found${where}: ${error.serverMessage ?? error.message}\nhint: 'ovms models' lists what the server serves.`;
      if (error.status === 401 || error.status === 403) return `${error.message}\nhint: pass --api-key or set OVMS_API_KEY.`;
      return error.message;
    case 'Aborted':
      return 'interrupted';
    default:
      return error.code === 'ERR_USAGE' ? `${error.message}\nSee 'ovms ${command === undefined ? '' : `${command} `}--help'.` : error.message;
  }
}

/**
 * Runs the `ovms` command line in-process: parses `argv` with `node:util` `parseArgs`, builds the
 * client config from the global options and the environment, runs the command and maps any
 * failure to an exit code and a message on stderr. Never throws and never exits the process, so a
 * test can call it as it is.
 *
 * @param argv - The arguments after `ovms` (`process.argv.slice(2)`).
 * @param io - stdout, stderr, environment, and optionally stdin, an abort signal and the cwd.
 * @returns The exit code (see `EXIT_CODES`).
 * @example
 * ```ts
 * const code = await run(['health', '--json'], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 * ```
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  let url: string | undefined;
  let commandName: string | undefined;
  try {
    // First pass, global options only: find the command (the first positional).
    const first = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, strict: false, allowPositionals: true, tokens: true });
    const position = first.tokens.find((t) => t.kind === 'positional');
    commandName = position?.kind === 'positional' ? position.value : undefined;
    if (commandName === 'help') {
      const topic = first.positionals[1];
      const command = allCommands.find((c) => c.name === topic);
      if (topic !== undefined && command === undefined) throw usageError(`unknown command '${topic}'. Commands: ${allCommands.map((c) => c.name).join(', ')}`);
      io.stdout.write(command === undefined ? mainHelp() : commandHelp(command));
      return EXIT_CODES.ok;
    }
    if (commandName === undefined) {
      if (first.values.help === true) {
        io.stdout.write(mainHelp());
        return EXIT_CODES.ok;
      }
      io.stderr.write(mainHelp());
      return EXIT_CODES.usage;
    }
    const command = allCommands.find((c) => c.name === commandName);
    if (command === undefined) {
      const unknown = commandName;
      commandName = undefined;
      throw usageError(`unknown command '${unknown}'. Commands: ${allCommands.map((c) => c.name).join(', ')}`);
    }

    // Second pass, strict, with the command's own options.
    const rest = [...argv];
    rest.splice((position as { index: number }).index, 1);
    const { values, positionals } = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, strict: true, allowPositionals: true });
    json = values.json === true;
    if (values.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT_CODES.ok;
    }
    if (positionals.length < command.args.min) throw usageError(`${command.name}: missing argument (${command.help.split('\n')[0]?.replace(/^Usage: /, '')})`);
    if (positionals.length > command.args.max) throw usageError(`${command.name}: unexpected argument '${String(positionals[command.args.max])}'`);

    url = typeof values.url === 'string' ? values.url : (io.env.OVMS_API_URL ?? DEFAULT_URL);
    const apiKey = typeof values['api-key'] === 'string' ? values['api-key'] : io.env.OVMS_API_KEY;
    const timeout = numberOption(values, 'timeout', { min: 1, integer: true });
    let config: ClientConfig;
    try {
      config = createConfig({ baseUrl: url, ...(apiKey === undefined || apiKey === '' ? {} : { apiKey }), ...(timeout === undefined ? {} : { timeout }) });
    } catch (error) {
      // A bad --url or OVMS_API_URL is a usage error, not bad input data.
      throw usageError(isOvmsError(error) ? error.message : String(error), 'url');
    }
    return await command.run({ config, values, positionals, json, io, signal: io.signal ?? new AbortController().signal, cwd: io.cwd ?? process.cwd() });
  } catch (error) {
    const code = exitCodeFor(error);
    const message =
      code === EXIT_CODES.usage && !isOvmsError(error) ? `${(error as Error).message}\nSee 'ovms ${commandName === undefined ? '' : `${commandName} `}--help'.` : describe(error, url, commandName);
    io.stderr.write(`ovms: ${message}\n`);
    if (json) {
      const e = isOvmsError(error) ? error : undefined;
      io.stdout.write(
        toJsonText({ error: { message: e?.message ?? (error as Error).message, reason: e?.reason._tag ?? null, status: e?.status ?? null, code: e?.code ?? (error as { code?: string }).code ?? null, exitCode: code } }, 0) + '\n',
      );
    }
    return code;
  }
}
