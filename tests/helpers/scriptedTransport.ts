import type { Transport, WireRequest } from '../../src/core/types.js';

/** One scripted answer: a status (with an optional body and headers), an error to throw, or a function of the request. */
export type Step =
  | number
  | { readonly status: number; readonly body?: string | Uint8Array; readonly headers?: Record<string, string> }
  | { readonly throws: unknown }
  | { readonly hang: true };

/**
 * A fake transport that answers from a script, one step per call, and records every wire request.
 * `hang` never answers until the request's signal aborts (then it rejects like fetch does).
 */
export function scriptedTransport(steps: readonly Step[]): Transport & { readonly calls: WireRequest[] } {
  const calls: WireRequest[] = [];
  const transport = async (request: WireRequest): Promise<Response> => {
    calls.push(request);
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error('script is empty');
    if (typeof step === 'number') return new Response(step === 200 ? '{}' : `{"error":"status ${step}"}`, { status: step });
    if ('throws' in step) throw step.throws;
    if ('hang' in step) {
      return new Promise<Response>((_, reject) => {
        const onAbort = () => reject(request.signal?.reason ?? new DOMException('aborted', 'AbortError'));
        if (request.signal?.aborted) onAbort();
        request.signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    return new Response((step.body ?? '') as BodyInit, { status: step.status, headers: step.headers ?? {} });
  };
  return Object.assign(transport, { calls });
}
