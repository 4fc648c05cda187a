import { isOvmsError, OvmsError } from '../errors/OvmsError.js';

/** The `code` of the error a store raises when the file changed since it was read. */
export const CONFIG_CONFLICT_CODE = 'ECONFLICT';

/**
 * The error for a lost compare-and-swap: `Status` 409 (Conflict, RFC 9110 §15.5.10) with `code`
 * `ECONFLICT`. A store is not HTTP, but 409 says exactly this and keeps the error union closed.
 *
 * @param where - What was written (a path, a key); never a secret.
 * @returns The error.
 */
export function configConflict(where: string): OvmsError {
  return new OvmsError(
    { _tag: 'Status', status: 409, serverMessage: 'config.json changed since it was read' },
    `config.json at ${where} changed since it was read; read it again and re-apply the change`,
    { code: CONFIG_CONFLICT_CODE, request: { operation: 'configStore.write' } },
  );
}

/**
 * True when `error` is the conflict of {@link configConflict} (also across realms).
 *
 * @param error - Anything thrown.
 * @returns Whether to re-read and retry.
 */
export function isConfigConflict(error: unknown): error is OvmsError {
  return isOvmsError(error) && error.code === CONFIG_CONFLICT_CODE;
}
