import { isOvmsError } from '../errors/OvmsError.js';
import { EXIT_CODES, type ExitCode } from './exitCodes.js';
import { USAGE_ERROR_CODE } from './usageError.js';

/**
 * The exit code for an error that ended a command (see {@link EXIT_CODES}).
 *
 * @param error - What the command threw.
 * @returns 1 for usage, 2 unreachable, 3 server error, 4 bad input, 130 interrupted, 70 anything else.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (!isOvmsError(error)) {
    // node:util parseArgs reports bad options as TypeErrors with ERR_PARSE_ARGS_* codes.
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_') ? EXIT_CODES.usage : EXIT_CODES.internal;
  }
  if (error.code === USAGE_ERROR_CODE) return EXIT_CODES.usage;
  switch (error.reason._tag) {
    case 'InvalidInput':
      return EXIT_CODES.input;
    case 'Transport':
    case 'Timeout':
    case 'CircuitOpen':
      return EXIT_CODES.unreachable;
    case 'Aborted':
      return EXIT_CODES.interrupted;
    default:
      return EXIT_CODES.server;
  }
}
