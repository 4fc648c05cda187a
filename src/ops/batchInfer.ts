import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { optional } from '../core/optional.js';
import { resolveModel, resolveVersion, versionAsGiven } from '../core/resolveTarget.js';
import { runLimited } from '../core/runLimited.js';
import { invalidInput, isOvmsError, isOvmsErrorReason, OvmsError } from '../errors/OvmsError.js';
import { chooseBinaryOutput } from '../protocols/kserve/chooseBinaryOutput.js';
import { canConcatenate, concatInputs } from '../protocols/kserve/concatInputs.js';
import { decodeInferResponse } from '../protocols/kserve/decodeInferResponse.js';
import { encodeInferRequest } from '../protocols/kserve/encodeInferRequest.js';
import type { InferInputs, InferOptions } from '../protocols/kserve/InferRequest.js';
import type { InferResult } from '../protocols/kserve/InferResult.js';
import type { KserveParameters } from '../protocols/kserve/KserveInferPayload.js';
import { loadMetadata } from '../protocols/kserve/loadMetadata.js';
import { invalidateMetadata } from '../protocols/kserve/metadataCache.js';
import { prepareInputs } from '../protocols/kserve/prepareInputs.js';
import { splitResult } from '../protocols/kserve/splitResult.js';
import { infer } from './infer.js';
import type { ModelTarget } from './ModelTarget.js';

/** What `batchInfer` sends: one set of inputs per item. */
export interface BatchInferRequest extends ModelTarget {
  readonly items: readonly InferInputs[];
  readonly parameters?: KserveParameters;
}

/** Options of `batchInfer`. */
export interface BatchInferOptions extends InferOptions {
  /** Requests in flight at once when items are sent separately. Default 4. */
  readonly concurrency?: number;
  /** `auto` (default): one request when the model allows it, else one per item; `split`: always one per item. */
  readonly batching?: 'auto' | 'split';
}

/**
 * Runs many inferences. When the model's first dimension is dynamic (or equals the total batch)
 * and the items have the same per-sample shapes, they travel as ONE request along the batch
 * dimension and the outputs are split back per item; otherwise each item is its own `infer`
 * call, at most `concurrency` at once.
 *
 * Failure: the call rejects with the first error, and nothing is returned for the other items. In
 * one-request mode that is the server's error for the whole batch; in split mode the message names
 * the failing item (`batchInfer item 2: …`), and the requests still in flight are aborted.
 *
 * @returns One result per item, in input order.
 * @throws {OvmsError} the same reasons as `infer`.
 * @example
 * ```ts
 * const results = await batchInfer(config, { model: 'bert', items: [{ data: [1, 2], mask: [1, 1] }, { data: [3, 4], mask: [1, 1] }] });
 * ```
 */
export async function batchInfer(config: ClientConfig, request: BatchInferRequest, options: BatchInferOptions = {}): Promise<InferResult[]> {
  const model = resolveModel(config, request.model);
  const version = resolveVersion(config, model, request.version);
  const concurrency = options.concurrency ?? 4;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw invalidInput('concurrency', `expected a positive integer, got ${String(concurrency)}`);
  if (!Array.isArray(request.items)) throw invalidInput('items', 'expected an array of inputs, one per item');
  if (request.items.length === 0) return [];

  const { concurrency: _c, batching = 'auto', ...inferOptions } = options;
  if (batching === 'auto') {
    const metadata = await loadMetadata(config, model, version, options);
    const prepared = request.items.map((item, i) => withItemIndex(i, () => prepareInputs(item, metadata)));
    if (canConcatenate(prepared, new Map(metadata.inputs.map((m) => [m.name, m.shape])))) {
      try {
        const response = await execute(
          config,
          {
            operation: 'batchInfer',
            idempotent: true,
            model,
            version: versionAsGiven(request.version),
            precision: options.precision,
            payload: {
              kind: 'kserve.infer',
              inputs: concatInputs(prepared),
              binary: options.binary ?? config.binary,
              ...optional('binaryOutput', chooseBinaryOutput(metadata, options.binaryOutput)),
              ...optional('parameters', request.parameters),
            },
            encode: encodeInferRequest,
          },
          options,
        );
        const result = decodeInferResponse(response, options.bytes === undefined ? {} : { bytes: options.bytes }, { operation: 'batchInfer', url: response.url, model, ...optional('version', version) });
        return splitResult(result, prepared.map((p) => p[0]?.shape[0] ?? 1));
      } catch (error) {
        if (isOvmsErrorReason(error, 'Status') && error.status === 404) invalidateMetadata(config, model);
        throw error;
      }
    }
  }
  return runLimited(
    request.items.length,
    concurrency,
    (i, signal) =>
      withItemIndexAsync(i, () =>
        infer(config, { model, version: version ?? 'latest', inputs: request.items[i] as InferInputs, ...optional('parameters', request.parameters) }, { ...inferOptions, signal, ...optional('requestId', options.requestId === undefined ? undefined : `${options.requestId}-${i}`) }),
      ),
    options.signal,
  );
}

function withItemIndex<T>(index: number, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw relabel(error, index);
  }
}

async function withItemIndexAsync<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw relabel(error, index);
  }
}

function relabel(error: unknown, index: number): unknown {
  if (!isOvmsError(error) || error.reason._tag === 'Aborted') return error;
  return new OvmsError(error.reason, `batchInfer item ${index}: ${error.message}`, {
    ...optional('code', error.code),
    ...optional('request', error.request),
    cause: error,
  });
}
