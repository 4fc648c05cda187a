import type { Handler, Middleware } from './types.js';

/**
 * Composes middleware around a terminal handler; the first element of the array is the outermost,
 * so the array reads in the order a request travels.
 *
 * @example
 * ```ts
 * const handler = compose([withRequestId(), withRetry()], send);
 * ```
 */
export function compose(middleware: readonly Middleware[], terminal: Handler): Handler {
  let handler = terminal;
  for (let i = middleware.length - 1; i >= 0; i--) handler = (middleware[i] as Middleware)(handler);
  return handler;
}
