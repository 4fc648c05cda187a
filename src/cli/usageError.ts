import { OvmsError } from '../errors/OvmsError.js';

/** The `code` of a command-line usage error (exit code 1). */
export const USAGE_ERROR_CODE = 'ERR_USAGE';

/**
 * A command-line usage error: an `OvmsError` `InvalidInput` with code `ERR_USAGE`, so the CLI keeps
 * the library's one error type and `exitCodeFor` can tell it from bad input data.
 *
 * @param message - What is wrong, in the words the user typed.
 * @param field - The option or argument at fault (default `argv`).
 * @returns The error, to throw.
 */
export function usageError(message: string, field = 'argv'): OvmsError {
  return new OvmsError({ _tag: 'InvalidInput', field }, message, { code: USAGE_ERROR_CODE });
}
