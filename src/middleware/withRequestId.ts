import type { Middleware } from '../core/types.js';

/**
 * Gives every request an id (the caller's, or a random UUID) and sends it as `X-Request-ID`.
 * KServe protocol encoders also put it in the body's `id`, which OVMS echoes (rest-api.md §4.4),
 * so a response can be matched to its request in logs on both sides.
 */
export function withRequestId(generate: () => string = randomId): Middleware {
  return (next) => (request) => {
    const requestId = request.requestId ?? generate();
    return next({ ...request, requestId, headers: { ...request.headers, 'X-Request-ID': requestId } });
  };
}

/** A random RFC 4122 v4 UUID; `crypto.randomUUID` exists only in secure browser contexts, so fall back. */
export function randomId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (typeof c?.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
