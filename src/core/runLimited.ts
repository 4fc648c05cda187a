import { abortedError } from './sleep.js';

/**
 * Runs `task(i)` for i in [0, count) with at most `limit` at once and returns the results in index
 * order. Fails fast: the first failure aborts the shared signal (so in-flight tasks stop) and is
 * the one that rejects; later failures caused by that abort are ignored.
 */
export async function runLimited<T>(
  count: number,
  limit: number,
  task: (index: number, signal: AbortSignal) => Promise<T>,
  outer?: AbortSignal,
): Promise<T[]> {
  const results = new Array<T>(count);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < count && !controller.signal.aborted) {
      const index = next++;
      try {
        results[index] = await task(index, controller.signal);
      } catch (error) {
        if (failure === undefined) {
          failure = { error };
          controller.abort(error);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure.error;
  if (controller.signal.aborted) throw abortedError(controller.signal);
  return results;
}
