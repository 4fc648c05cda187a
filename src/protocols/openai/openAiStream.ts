import type * as v from 'valibot';
import type { ClientConfig } from '../../config/ClientConfig.js';
import { execute } from '../../core/execute.js';
import { parseJsonBody } from '../../core/parseJsonBody.js';
import { abortedError } from '../../core/sleep.js';
import { decodeError, invalidInput, isOvmsError, OvmsError, type RequestSummary } from '../../errors/OvmsError.js';
import { streamError } from '../../errors/streamError.js';
import { transportError } from '../../errors/transportError.js';
import { randomId } from '../../middleware/withRequestId.js';
import type { OpenAiStreamOptions } from './OpenAiCallOptions.js';
import { openaiPostRequest } from './openaiPostRequest.js';
import type { OpenAiEndpoint } from './openaiPath.js';
import { readSseData } from './readSseData.js';
import { serverErrorText } from './serverErrorText.js';

/**
 * A streamed answer: an async iterable of typed chunks, to be iterated once with `for await`.
 * The request is sent when iteration starts; leaving the loop early (`break`, `return`, an
 * exception) or aborting the caller's signal closes the connection.
 */
export type OpenAiStream<T> = AsyncGenerator<T, void, undefined>;

/** What a streaming operation asks for. */
export interface OpenAiStreamSpec<S extends v.GenericSchema> {
  readonly operation: string;
  readonly endpoint: OpenAiEndpoint;
  readonly model: string;
  /** The request body without `model`; `stream: true` must already be set. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** The schema of one chunk. */
  readonly schema: S;
}

/**
 * Checks the options of a streaming call and returns the lazy stream. Bad options throw at once
 * (`InvalidInput`), so a typo surfaces where the call is written; nothing is sent before the first
 * `next()`.
 *
 * @param config - From `createConfig`.
 * @param spec - Operation, endpoint, model, body and chunk schema.
 * @param options - Signal, timeouts, base path, headers, retry, request id.
 * @returns The stream of decoded chunks.
 * @throws {OvmsError} `InvalidInput` for a bad `idleTimeout` or base path (synchronously); while
 *   iterating: `Status` (an error before the first token, e.g. 400), `Stream`, `Transport`, `Timeout`,
 *   `Aborted`, `Decode`.
 */
export function openAiStream<S extends v.GenericSchema>(config: ClientConfig, spec: OpenAiStreamSpec<S>, options: OpenAiStreamOptions = {}): OpenAiStream<v.InferOutput<S>> {
  // Default: the call's timeout, else the config's.
  const idleTimeoutMs = options.idleTimeout ?? options.timeout ?? config.timeout;
  if (typeof idleTimeoutMs !== 'number' || !Number.isFinite(idleTimeoutMs) || idleTimeoutMs <= 0) {
    throw invalidInput('idleTimeout', `expected a positive number of milliseconds, got ${String(idleTimeoutMs)}`);
  }
  const encode = openaiPostRequest(options.basePath ?? config.openaiBasePath, spec.endpoint, 'text/event-stream');
  return run(config, spec, options, encode, idleTimeoutMs);
}

async function* run<S extends v.GenericSchema>(
  config: ClientConfig,
  spec: OpenAiStreamSpec<S>,
  options: OpenAiStreamOptions,
  encode: ReturnType<typeof openaiPostRequest>,
  idleTimeoutMs: number,
): OpenAiStream<v.InferOutput<S>> {
  const requestId = options.requestId ?? randomId();
  let summary: RequestSummary = { operation: spec.operation, method: 'POST', model: spec.model, requestId };
  const outer = options.signal;
  if (outer?.aborted) throw withRequest(abortedError(outer), summary);
  // Our own controller, linked to the caller's signal only while the stream runs: the pipeline keeps
  // a listener on the signal it is given for as long as the stream lives, and this one dies with it.
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const response = await execute(
      config,
      { operation: spec.operation, idempotent: true, model: spec.model, payload: spec.payload, responseType: 'stream', encode },
      { ...options, requestId, signal: controller.signal },
    );
    summary = { ...summary, url: stripQuery(response.url) };
    const type = response.headers.get('content-type');
    if (response.stream === undefined || (type !== null && !type.includes('text/event-stream'))) {
      await response.stream?.cancel().catch(() => undefined);
      throw decodeError(`${spec.operation}: expected an event stream (text/event-stream), got ${type ?? 'no body'}`, undefined, summary);
    }
    const events = readSseData(response.stream, {
      idleTimeoutMs,
      maxBufferSize: config.maxResponseBytes,
      request: summary,
      onIdle: (error) => controller.abort(error),
      signal: controller.signal,
    });
    for await (const data of events) yield decodeChunk(data, spec, summary);
  } catch (error) {
    throw classify(error, outer, summary);
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
    // Closes the connection on every early exit, also with a transport that ignores body cancellation.
    controller.abort();
  }
}

function decodeChunk<S extends v.GenericSchema>(data: string, spec: OpenAiStreamSpec<S>, request: RequestSummary): v.InferOutput<S> {
  // A gateway (or a future OVMS) may put the error object behind `data:`.
  const message = serverErrorText(data);
  if (message !== undefined) throw streamError(message, request);
  return parseJsonBody(data, spec.schema, `${spec.operation} chunk`, request);
}

function classify(error: unknown, outer: AbortSignal | undefined, request: RequestSummary): OvmsError {
  // The caller's abort wins: a transport may end or break the body in any way when it is aborted.
  if (outer?.aborted && !(isOvmsError(error) && error.reason._tag === 'Aborted')) return withRequest(abortedError(outer), request);
  if (isOvmsError(error)) return error;
  // The body broke off (undici: TypeError('terminated'), cause UND_ERR_SOCKET → ECONNRESET).
  return transportError(error, request, 'body');
}

function withRequest(error: OvmsError, request: RequestSummary): OvmsError {
  if (error.request !== undefined) return error;
  return new OvmsError(error.reason, error.message, {
    request,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
}

function stripQuery(url: string): string {
  const i = url.search(/[?#]/);
  return i === -1 ? url : url.slice(0, i);
}
