import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { optional } from '../core/optional.js';
import { resolveModel, resolveVersion, versionAsGiven } from '../core/resolveTarget.js';
import { isOvmsErrorReason } from '../errors/OvmsError.js';
import { chooseBinaryOutput } from '../protocols/kserve/chooseBinaryOutput.js';
import { decodeInferResponse } from '../protocols/kserve/decodeInferResponse.js';
import { encodeInferRequest } from '../protocols/kserve/encodeInferRequest.js';
import type { InferOptions, InferRequest } from '../protocols/kserve/InferRequest.js';
import type { InferResult } from '../protocols/kserve/InferResult.js';
import type { KserveInferPayload } from '../protocols/kserve/KserveInferPayload.js';
import { loadMetadata } from '../protocols/kserve/loadMetadata.js';
import { invalidateMetadata } from '../protocols/kserve/metadataCache.js';
import { prepareInputs } from '../protocols/kserve/prepareInputs.js';

/**
 * Runs one inference. Calls `POST /v2/models/{m}[/versions/{v}]/infer` (rest-api.md §4.3–4.5).
 *
 * With validation on (the default), the model's metadata (cached per config) fixes datatypes and
 * shapes, and a wrong name, rank, dimension, datatype or value count fails before sending. Typed
 * arrays and large arrays travel as binary data; the largest output comes back as binary and is
 * decoded into a typed array. Inference is idempotent, so it is retried per the config's policy.
 *
 * @param config - From `createConfig`.
 * @param request - Model, version and inputs (by name, or as `{ name, data, shape?, datatype? }` tensors).
 * @param options - Precision, binary mode, validation, signal, timeout, retry, request id.
 * @returns The outputs as `{ name, datatype, shape, data }` tensors.
 * @throws {OvmsError} `InvalidInput` (bad input, before sending), `Status` (OVMS's answer, e.g. 400, 404),
 *   `Transport`, `Timeout`, `Aborted`, `Decode`, `Unsupported`.
 * @example
 * ```ts
 * const result = await infer(config, { model: 'dummy', inputs: { b: new Float32Array(10) } });
 * result.outputs[0].data; // Float32Array [1, 1, …]
 * ```
 */
export async function infer(config: ClientConfig, request: InferRequest, options: InferOptions = {}): Promise<InferResult> {
  const model = resolveModel(config, request.model);
  const version = resolveVersion(config, model, request.version);
  const metadata = (options.validate ?? config.validate) ? await loadMetadata(config, model, version, options) : undefined;
  const payload: KserveInferPayload = {
    kind: 'kserve.infer',
    inputs: prepareInputs(request.inputs, metadata),
    binary: options.binary ?? config.binary,
    ...optional('binaryOutput', chooseBinaryOutput(metadata, options.binaryOutput)),
    ...optional('parameters', request.parameters),
  };
  try {
    const response = await execute(
      config,
      { operation: 'infer', idempotent: true, model, version: versionAsGiven(request.version), precision: options.precision, payload, encode: encodeInferRequest },
      options,
    );
    return decodeInferResponse(response, options.bytes === undefined ? {} : { bytes: options.bytes }, { operation: 'infer', url: response.url, model, ...optional('version', version) });
  } catch (error) {
    // The model or version is gone (unloaded, retired): what we cached about it is stale.
    if (isOvmsErrorReason(error, 'Status') && error.status === 404) invalidateMetadata(config, model);
    throw error;
  }
}
