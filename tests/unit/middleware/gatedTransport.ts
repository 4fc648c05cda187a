import type { Transport, WireRequest } from '../../../src/core/types.js';

/** One call the gated transport holds until the test answers it. */
export interface HeldCall {
  readonly request: WireRequest;
  /** Answers the call with this status (`{}` as body for 200). */
  readonly answer: (status?: number) => void;
  /** Answers with a streamed body made of these chunks, then the end of the stream (unless `end` is false: it stays open). */
  readonly answerStream: (chunks: readonly string[], end?: boolean) => void;
}

/**
 * A fake transport that holds every call until the test answers it, and counts the calls in flight
 * (and the most at once), so that a concurrency limit can be checked without timing. A call whose
 * signal aborts rejects like fetch does.
 */
export function gatedTransport(): Transport & {
  readonly held: HeldCall[];
  readonly calls: WireRequest[];
  readonly inFlight: () => number;
  readonly maxInFlight: () => number;
} {
  const held: HeldCall[] = [];
  const calls: WireRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const transport = (request: WireRequest): Promise<Response> => {
    calls.push(request);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        inFlight--;
        request.signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = (): void => {
        if (settle()) reject(request.signal?.reason ?? new DOMException('aborted', 'AbortError'));
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      held.push({
        request,
        answer: (status = 200) => {
          if (settle()) resolve(new Response(status === 200 ? '{}' : `{"error":"status ${status}"}`, { status }));
        },
        answerStream: (chunks, end = true) => {
          if (!settle()) return;
          const encoder = new TextEncoder();
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
              if (end) controller.close();
            },
          });
          resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
        },
      });
      if (request.signal?.aborted) onAbort();
    });
  };
  return Object.assign(transport, { held, calls, inFlight: () => inFlight, maxInFlight: () => maxInFlight });
}
