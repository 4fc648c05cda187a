import { invalidInput, OvmsError } from '../../errors/OvmsError.js';
import type { ModelConfigChange } from './ModelConfigChange.js';

/** The seed's `OVMSQuantizationConfig`, with the extra keys this mapping understands. */
export interface QuantizationRequest {
  readonly enabled: boolean;
  /** `int8`, `int4` (need `base_path`), `fp16`, `bf16`, `dynamic`. */
  readonly method?: string;
  /** 16 → fp16; 8 or 4 → like `int8`/`int4`. */
  readonly bits?: number;
  /** A model already quantized offline (an OpenVINO IR folder with version subfolders): the model is switched to it. */
  readonly base_path?: string;
  /** Group size for `dynamic` (OpenVINO `DYNAMIC_QUANTIZATION_GROUP_SIZE`, default 32). */
  readonly group_size?: number;
  /** KV-cache precision of LLM-like models on CPU (OpenVINO `KV_CACHE_PRECISION`), e.g. `u8`, `u4`, `f16`. */
  readonly kv_cache_precision?: string;
  readonly [key: string]: unknown;
}

// The OpenVINO runtime properties this mapping sets; disabling removes all of them.
const RUNTIME_PROPERTIES = ['INFERENCE_PRECISION_HINT', 'DYNAMIC_QUANTIZATION_GROUP_SIZE', 'KV_CACHE_PRECISION'] as const;

const OFFLINE_ONLY =
  'static INT8/INT4 weight quantization rewrites the model and cannot be done by OVMS at run time (rest-api.md §7.2): ' +
  'quantize it offline (NNCF `nncf.quantize` / `nncf.compress_weights`, or `optimum-cli export openvino --weight-format int8|int4`) ' +
  'and pass the quantized model folder as base_path; or use method "dynamic" (runtime dynamic quantization of activations on CPU)';

/**
 * Maps the seed's quantization request onto what really exists (rest-api.md §7.2: no quantization
 * endpoint; config.json `plugin_config` carries OpenVINO runtime properties):
 * - with `base_path`: switch the model to that pre-quantized model (plus any runtime property below);
 * - `fp16` / `bf16` (or `bits: 16`): `INFERENCE_PRECISION_HINT` — compute in half precision;
 * - `dynamic`: `DYNAMIC_QUANTIZATION_GROUP_SIZE` (CPU: activations quantized to 8 bits per group at
 *   run time, for models with compressed weights, typically LLMs), and `KV_CACHE_PRECISION` when given;
 * - `enabled: false`: removes these properties (and switches `base_path` back when one is given).
 *
 * @param request - The seed's quantization config.
 * @returns The patch for `updateModelConfig`.
 * @throws {OvmsError} `Unsupported` for `int8`/`int4` (or `bits` 8/4) without `base_path`: that
 *   needs NNCF or optimum offline; `InvalidInput` for an unknown method or bad value.
 * @example
 * ```ts
 * quantizationPatch({ enabled: true, method: 'fp16' }); // { plugin_config: { INFERENCE_PRECISION_HINT: 'f16' } }
 * quantizationPatch({ enabled: true, method: 'int8', base_path: '/models/bert-int8' }); // { base_path: '/models/bert-int8' }
 * ```
 */
export function quantizationPatch(request: QuantizationRequest): ModelConfigChange {
  if (typeof request !== 'object' || request === null || typeof request.enabled !== 'boolean') throw invalidInput('enabled', 'expected { enabled: boolean, … }');
  const basePath = request.base_path;
  if (basePath !== undefined && (typeof basePath !== 'string' || basePath === '')) throw invalidInput('base_path', 'expected a non-empty path');
  const withBase = (patch: ModelConfigChange): ModelConfigChange => (basePath === undefined ? patch : { base_path: basePath, ...patch });
  if (!request.enabled) {
    return withBase({ plugin_config: Object.fromEntries(RUNTIME_PROPERTIES.map((p) => [p, null])) });
  }
  const method = methodOf(request);
  switch (method) {
    case 'fp16':
      return withBase({ plugin_config: { INFERENCE_PRECISION_HINT: 'f16' } });
    case 'bf16':
      return withBase({ plugin_config: { INFERENCE_PRECISION_HINT: 'bf16' } });
    case 'dynamic': {
      const groupSize = request.group_size ?? 32;
      if (!Number.isSafeInteger(groupSize) || groupSize < 0) throw invalidInput('group_size', `expected an integer >= 0, got ${JSON.stringify(groupSize)}`);
      const kv = request.kv_cache_precision;
      if (kv !== undefined && (typeof kv !== 'string' || kv === '')) throw invalidInput('kv_cache_precision', 'expected an element type such as "u8"');
      return withBase({ plugin_config: { DYNAMIC_QUANTIZATION_GROUP_SIZE: String(groupSize), ...(kv === undefined ? {} : { KV_CACHE_PRECISION: kv }) } });
    }
    case 'model':
      return { base_path: basePath as string };
    case 'int8':
    case 'int4':
      if (basePath === undefined) throw new OvmsError({ _tag: 'Unsupported' }, `quantization ${method}: ${OFFLINE_ONLY}`);
      return { base_path: basePath };
    default:
      throw invalidInput('method', `expected int8, int4 (with base_path), fp16, bf16 or dynamic, got ${JSON.stringify(request.method)}`);
  }
}

function methodOf(request: QuantizationRequest): string {
  if (request.method !== undefined) {
    if (typeof request.method !== 'string') throw invalidInput('method', 'expected a string');
    const m = request.method.trim().toLowerCase();
    return m === 'f16' ? 'fp16' : m === 'i8' ? 'int8' : m === 'i4' ? 'int4' : m;
  }
  if (request.bits === 16) return 'fp16';
  if (request.bits === 8) return 'int8';
  if (request.bits === 4) return 'int4';
  if (request.base_path !== undefined) return 'model';
  throw invalidInput('method', 'give a method (int8, int4, fp16, bf16, dynamic) or bits (16, 8, 4)');
}
