import { OvmsError } from '../errors/OvmsError.js';

/**
 * Waits `ms`, or rejects at once with `Aborted` when `signal` fires (the timer is cleared, so
 * nothing keeps the process alive).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error for a caller's abort; an abort whose reason is already an `OvmsError` (a timeout) keeps it. */
export function abortedError(signal: AbortSignal): OvmsError {
  const reason: unknown = signal.reason;
  if (reason instanceof OvmsError) return reason;
  return new OvmsError({ _tag: 'Aborted' }, 'The request was aborted by the caller', { code: 'ABORT_ERR', cause: reason });
}
