import { abortedError } from '../core/sleep.js';
import type { Handler, Middleware, OvmsRequest, OvmsResponse } from '../core/types.js';
import { invalidInput } from '../errors/OvmsError.js';
import { concatInputs } from '../protocols/kserve/concatInputs.js';
import { isKserveInferPayload, type KserveInferPayload } from '../protocols/kserve/KserveInferPayload.js';
import { splitInferResponse } from './autoBatching/splitInferResponse.js';

/** Options of {@link withAutoBatching}. */
export interface AutoBatchingOptions {
  /** Most samples (along the batch dimension) in one request; a full batch is sent at once. */
  readonly maxBatchSize: number;
  /** Longest wait, in ms, between the first call of a batch and sending it (0: the calls of the same tick). */
  readonly maxDelayMs: number;
  /**
   * The models whose first (batch) dimension is dynamic (`-1` in their metadata): only their calls
   * are coalesced, since a fixed batch would make OVMS reject the joined request. A list of names,
   * or a predicate of the model name and canonical version (undefined: the server's default).
   */
  readonly models: readonly string[] | ((model: string, version: string | undefined) => boolean);
}

/** Counters of an auto-batcher. */
export interface AutoBatchingStats {
  /** `infer` calls that were eligible for batching. */
  readonly calls: number;
  /** Requests sent for them (a batch of one counts as one). */
  readonly requests: number;
  /** Calls waiting for their batch to be sent. */
  readonly waiting: number;
}

/** The middleware of {@link withAutoBatching}, with its counters. */
export type AutoBatcher = Middleware & {
  /** A fresh frozen snapshot of the counters. */
  readonly stats: () => AutoBatchingStats;
};

interface Entry {
  readonly request: OvmsRequest;
  readonly payload: KserveInferPayload;
  readonly count: number;
  readonly resolve: (response: OvmsResponse) => void;
  readonly reject: (error: unknown) => void;
  settled: boolean;
  /** Set once the batch is sent: aborts the batch when every caller in it has aborted. */
  onSentAbort?: () => void;
  detach: () => void;
}

interface Batch {
  readonly key: string;
  readonly entries: Entry[];
  size: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Coalesces concurrent single `infer` calls for the same model and version, with the same input
 * names, datatypes and per-sample shapes (and the same binary mode, requested outputs, parameters,
 * headers and retry policy), into one request along the batch dimension, and hands each caller a
 * response holding only its own samples (see `splitInferResponse`), which `infer` decodes as usual.
 * Opt-in, and only for the models you name: OVMS rejects a batch larger than a fixed first dimension.
 *
 * A batch is sent when it holds `maxBatchSize` samples or `maxDelayMs` after its first call. It
 * travels with the first call's request id, timeout and retry policy; retries (inside this
 * middleware in the default order) repeat the whole batch. Every caller of a failed batch gets the
 * error. A caller that aborts leaves at once with `Aborted`: before sending, its samples are taken
 * out; after, its share of the answer is dropped, and the request is aborted only when every caller
 * in it has aborted. `batchInfer` requests and streams pass through untouched.
 *
 * Put it in `createConfig({ middleware: [...] })`. The state lives in this instance: configs that
 * share it share its batches (each pipeline batches separately).
 *
 * @param options - `maxBatchSize`, `maxDelayMs`, `models`.
 * @returns The middleware, with `stats()`.
 * @throws {OvmsError} `InvalidInput` at once for a bad option. Calls reject with what the batch's
 *   request rejected with, `Decode` when its answer cannot be split, or `Aborted`.
 * @example
 * ```ts
 * const batcher = withAutoBatching({ maxBatchSize: 32, maxDelayMs: 2, models: ['resnet'] });
 * const config = createConfig({ baseUrl: 'http://localhost:8000', middleware: [batcher] });
 * await Promise.all(images.map((image) => infer(config, { model: 'resnet', inputs: { image } })));
 * batcher.stats(); // { calls: 64, requests: 2, waiting: 0 }
 * ```
 */
export function withAutoBatching(options: AutoBatchingOptions): AutoBatcher {
  const { maxBatchSize, maxDelayMs, models } = options;
  if (!Number.isSafeInteger(maxBatchSize) || maxBatchSize < 1) throw invalidInput('maxBatchSize', `expected a positive integer, got ${String(maxBatchSize)}`);
  if (typeof maxDelayMs !== 'number' || !Number.isFinite(maxDelayMs) || maxDelayMs < 0) {
    throw invalidInput('maxDelayMs', `expected a non-negative number of milliseconds, got ${String(maxDelayMs)}`);
  }
  if (typeof models !== 'function' && !Array.isArray(models)) throw invalidInput('models', 'expected a list of model names or a predicate (model, version) => boolean');
  const names = typeof models === 'function' ? undefined : new Set(models);
  const batchable = (model: string, version: string | undefined): boolean => (names === undefined ? (models as (m: string, v: string | undefined) => boolean)(model, version) : names.has(model));

  let calls = 0;
  let requests = 0;
  let waiting = 0;

  const middleware: Middleware = (next) => {
    const open = new Map<string, Batch>();

    const send = (batch: Batch): void => {
      if (open.get(batch.key) === batch) open.delete(batch.key);
      if (batch.timer !== undefined) clearTimeout(batch.timer);
      const entries = batch.entries.filter((e) => !e.settled);
      waiting -= entries.length;
      if (entries.length === 0) return;
      requests++;
      const first = entries[0] as Entry;
      if (entries.length === 1) {
        // Nothing to join: the call goes as it came, with its own signal.
        first.detach();
        next(first.request).then(
          (response) => settle(first, response),
          (error: unknown) => fail(first, error),
        );
        return;
      }
      const controller = new AbortController();
      for (const e of entries) {
        e.onSentAbort = () => {
          if (entries.every((x) => x.settled)) controller.abort(e.request.signal?.reason);
        };
      }
      const merged: OvmsRequest = {
        ...first.request,
        payload: { ...first.payload, inputs: concatInputs(entries.map((e) => e.payload.inputs)) },
        signal: controller.signal,
      };
      next(merged).then(
        (response) => {
          let parts: OvmsResponse[];
          try {
            parts = splitInferResponse(
              response,
              entries.map((e) => e.count),
              entries.map((e) => e.request.requestId),
            );
          } catch (error) {
            for (const e of entries) fail(e, error);
            return;
          }
          entries.forEach((e, i) => settle(e, parts[i] as OvmsResponse));
        },
        (error: unknown) => {
          for (const e of entries) fail(e, error);
        },
      );
    };

    const handler: Handler = (request) => {
      const count = eligibleCount(request, maxBatchSize, batchable);
      if (count === undefined) return next(request);
      calls++;
      const signal = request.signal;
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      const payload = request.payload as KserveInferPayload;
      const key = batchKey(request, payload);
      return new Promise<OvmsResponse>((resolve, reject) => {
        let batch = open.get(key);
        if (batch !== undefined && batch.size + count > maxBatchSize) {
          send(batch);
          batch = undefined;
        }
        if (batch === undefined) {
          const created: Batch = { key, entries: [], size: 0, timer: undefined };
          created.timer = setTimeout(() => send(created), maxDelayMs);
          open.set(key, created);
          batch = created;
        }
        const current = batch;
        const onAbort = (): void => {
          if (entry.settled) return;
          const index = current.entries.indexOf(entry);
          if (open.get(key) === current && index !== -1) {
            // Not sent yet: take the samples out of the batch.
            current.entries.splice(index, 1);
            current.size -= count;
            waiting--;
            if (current.entries.length === 0) {
              clearTimeout(current.timer);
              open.delete(key);
            }
          }
          entry.settled = true;
          reject(abortedError(signal as AbortSignal));
          entry.onSentAbort?.();
        };
        const entry: Entry = {
          request,
          payload,
          count,
          resolve,
          reject,
          settled: false,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        current.entries.push(entry);
        current.size += count;
        waiting++;
        if (current.size >= maxBatchSize) send(current);
      });
    };
    return handler;
  };

  const stats = (): AutoBatchingStats => Object.freeze({ calls, requests, waiting });
  return Object.freeze(Object.assign(middleware, { stats }));
}

function settle(entry: Entry, response: OvmsResponse): void {
  entry.detach();
  if (entry.settled) return;
  entry.settled = true;
  entry.resolve(response);
}

function fail(entry: Entry, error: unknown): void {
  entry.detach();
  if (entry.settled) return;
  entry.settled = true;
  entry.reject(error);
}

/** The batch count of a call that may be coalesced (every input has the same first dimension), else undefined. */
function eligibleCount(request: OvmsRequest, maxBatchSize: number, batchable: (model: string, version: string | undefined) => boolean): number | undefined {
  if (request.operation !== 'infer' || request.responseType !== 'bytes' || request.model === undefined) return undefined;
  const payload = request.payload;
  if (!isKserveInferPayload(payload) || payload.inputs.length === 0) return undefined;
  if (!batchable(request.model, request.version)) return undefined;
  const count = payload.inputs[0]?.shape[0];
  if (count === undefined || count < 1 || count > maxBatchSize) return undefined;
  for (const input of payload.inputs) if (input.shape.length === 0 || input.shape[0] !== count) return undefined;
  return count;
}

/** Calls with the same key can travel as one request: everything but the samples and the request id must match. */
function batchKey(request: OvmsRequest, payload: KserveInferPayload): string {
  const headers = Object.entries(request.headers)
    .filter(([name]) => name.toLowerCase() !== 'x-request-id')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    request.baseUrl,
    request.model,
    request.version ?? null,
    request.timeout,
    request.retry,
    request.idempotent,
    headers,
    payload.binary,
    payload.binaryOutput ?? null,
    payload.parameters ?? null,
    payload.inputs.map((i) => [i.name, i.datatype, i.shape.slice(1)]),
  ]);
}
