import type { Middleware } from '../core/types.js';
import { OvmsError } from '../errors/OvmsError.js';

/**
 * Bounds one attempt by `request.timeout` ms: headers and, for whole-body requests, the body. On
 * expiry the attempt's signal aborts with an `OvmsError` `Timeout` (`code` `ETIMEDOUT`), which the
 * transport step re-throws. The caller's signal stays linked, also for a stream after headers.
 */
export function withTimeout(): Middleware {
  return (next) => async (request) => {
    const controller = new AbortController();
    const outer = request.signal;
    const onOuterAbort = (): void => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
    const timer = setTimeout(() => {
      controller.abort(
        new OvmsError({ _tag: 'Timeout', timeoutMs: request.timeout }, `No complete answer within ${request.timeout} ms for ${request.operation}`, {
          code: 'ETIMEDOUT',
        }),
      );
    }, request.timeout);
    let streaming = false;
    try {
      const response = await next({ ...request, signal: controller.signal });
      streaming = response.stream !== undefined;
      return response;
    } finally {
      clearTimeout(timer);
      // A stream still needs the caller's abort after the headers arrived; everything else is done.
      if (!streaming) outer?.removeEventListener('abort', onOuterAbort);
    }
  };
}
