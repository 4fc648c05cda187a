/**
 * Helpers shared by the unit, integration, end-to-end and facade tests: fast retries, and the
 * `OvmsError` a call rejects or throws with.
 */
import { expect } from 'vitest';
import { isOvmsError, OvmsError } from '../../src/errors/OvmsError.js';

/** Fast retries, so that retry tests do not wait (tests that measure waiting set their own). */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 } as const;

/**
 * The rejection of a promise, or of the promise a function returns (a function also catches what it
 * throws synchronously); it must be an `OvmsError`, anything else fails the test.
 */
export async function rejectionOf(call: Promise<unknown> | (() => Promise<unknown>)): Promise<OvmsError> {
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (error) {
    if (isOvmsError(error)) return error;
    throw new Error(`expected an OvmsError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to reject');
}

/** The `reason` of the error `f` throws synchronously, or `undefined` when it does not throw. */
export function reasonThrownBy(f: () => unknown): OvmsError['reason'] | undefined {
  try {
    f();
  } catch (error) {
    return (error as OvmsError).reason;
  }
  return undefined;
}

/** The message of the `InvalidInput` error `run` throws (anything else fails the test). */
export function invalidInputMessageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OvmsError);
    expect((error as OvmsError).reason._tag).toBe('InvalidInput');
    return (error as OvmsError).message;
  }
  throw new Error('expected InvalidInput');
}
