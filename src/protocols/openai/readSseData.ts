import { createParser, type ParseError } from 'eventsource-parser';
import { OvmsError, type RequestSummary } from '../../errors/OvmsError.js';
import { streamError } from '../../errors/streamError.js';
import { serverErrorText } from './serverErrorText.js';

/** How {@link readSseData} reads a stream. */
export interface ReadSseOptions {
  /** Longest wait for the next bytes, in ms. */
  readonly idleTimeoutMs: number;
  /** Largest event (or unterminated line) buffered, in characters. */
  readonly maxBufferSize: number;
  /** The request, for error summaries. */
  readonly request: RequestSummary;
  /** Called with the `Timeout` error when the stream stays silent too long, before it is thrown (to abort the request). */
  readonly onIdle?: (error: OvmsError) => void;
  /** Ends a pending read at once, rejecting with the signal's reason, even when the transport ignores the abort. */
  readonly signal?: AbortSignal;
}

type Item = { readonly data: string } | { readonly error: OvmsError };

/**
 * Reads an OVMS event stream and yields the `data` of each event, in order, up to `data: [DONE]`
 * (rest-api.md §5.4). The one adapter of eventsource-parser.
 *
 * - A raw `{"error": "..."}` line without `data:` (what OVMS writes when generation fails after the
 *   headers went out) reaches the parser as an unknown field, also when it is the unterminated last
 *   line: it is thrown as `OvmsError` `Stream`, after the events before it were yielded.
 * - A stream that ends without `[DONE]` was cut off: `Transport` with `code` `ECONNRESET`.
 * - No bytes for `idleTimeoutMs`: `Timeout` with `code` `ETIMEDOUT`.
 * - Whenever reading stops before the end (done, break, error), the reader is cancelled, which closes
 *   the connection, and the idle timer is cleared.
 *
 * @param stream - The response body.
 * @param options - Idle timeout, buffer bound, request summary, idle callback.
 * @returns An async generator of event data strings (without the `[DONE]` sentinel).
 * @throws {OvmsError} `Stream`, `Transport` (`ECONNRESET`), `Timeout` (`ETIMEDOUT`), `Decode` (oversized event);
 *   a failing read rejects with what the body stream threw, an aborted `signal` with its reason.
 */
export async function* readSseData(stream: ReadableStream<Uint8Array>, options: ReadSseOptions): AsyncGenerator<string, void, undefined> {
  const { request } = options;
  const queue: Item[] = [];
  const parser = createParser({
    onEvent: (event) => queue.push({ data: event.data }),
    onError: (error) => {
      const failure = parseFailure(error, options);
      if (failure !== undefined) queue.push({ error: failure });
    },
    maxBufferSize: options.maxBufferSize,
  });
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let ended = false;
  try {
    while (!ended) {
      const result = await readWithin(reader, options);
      if (result.done) {
        ended = true;
        const tail = decoder.decode();
        if (tail !== '') parser.feed(tail);
        // The raw error line usually has no newline after it: make the parser look at it.
        parser.reset({ consume: true });
      } else {
        parser.feed(decoder.decode(result.value, { stream: true }));
      }
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        if ('error' in item) throw item.error;
        if (item.data.trim() === '[DONE]') return;
        yield item.data;
      }
    }
    throw new OvmsError({ _tag: 'Transport' }, `The event stream of ${request.operation} ended before "data: [DONE]": the connection was closed early`, {
      code: 'ECONNRESET',
      request,
    });
  } finally {
    // Not awaited: a transport whose cancel never settles must not hang the consumer.
    if (!ended) reader.cancel().catch(() => undefined);
  }
}

function parseFailure(error: ParseError, options: ReadSseOptions): OvmsError | undefined {
  if (error.type === 'unknown-field') {
    const message = serverErrorText(error.line ?? '');
    // Any other unknown line is ignored, as the SSE specification says.
    return message === undefined ? undefined : streamError(message, options.request);
  }
  if (error.type === 'max-buffer-size-exceeded') {
    return new OvmsError({ _tag: 'Decode' }, `An event of the stream of ${options.request.operation} exceeds maxResponseBytes (${options.maxBufferSize})`, {
      code: 'ERR_RESPONSE_TOO_LARGE',
      request: options.request,
    });
  }
  return undefined;
}

/** One read, bounded by the idle timeout and the signal; the timer and the listener are always removed. */
async function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, options: ReadSseOptions): Promise<ReadableStreamReadResult<Uint8Array>> {
  const { signal } = options;
  signal?.throwIfAborted();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => {
      const error = new OvmsError(
        { _tag: 'Timeout', timeoutMs: options.idleTimeoutMs },
        `No data for ${options.idleTimeoutMs} ms in the event stream of ${options.request.operation}`,
        { code: 'ETIMEDOUT', request: options.request },
      );
      options.onIdle?.(error);
      reject(error);
    }, options.idleTimeoutMs);
  });
  try {
    return await Promise.race([reader.read(), stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
