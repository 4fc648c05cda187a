import type { Middleware } from '../core/types.js';

/**
 * Adds `Authorization: Bearer <apiKey>` to requests whose base URL has the configured origin, and
 * to no other: OVMS checks the key on its OpenAI-style endpoints (rest-api.md §1.4), a gateway in
 * front of it may check it everywhere, and a key must never leak to a third host. Runs inside the
 * retry loop so that every attempt is signed afresh.
 */
export function withAuth(apiKey: string | undefined, baseUrl: string): Middleware {
  if (apiKey === undefined) return (next) => next;
  const origin = new URL(baseUrl).origin;
  const value = `Bearer ${apiKey}`;
  return (next) => (request) => {
    if (originOf(request.baseUrl) !== origin) return next(request);
    return next({ ...request, headers: { ...request.headers, Authorization: value } });
  };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
