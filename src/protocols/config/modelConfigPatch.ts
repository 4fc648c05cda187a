import { invalidInput } from '../../errors/OvmsError.js';
import { executionModePatch, type ExecutionMode } from './executionModePatch.js';
import type { ModelConfigChange } from './ModelConfigChange.js';
import { mergeModelConfigPatches } from './mergeModelConfigPatches.js';
import { precisionHint } from './precisionHint.js';
import type { TensorMetadata } from '../kserve/kserveSchemas.js';

/** The seed's `OVMSModelConfig`, as the facade hands it over. */
export interface ModelConfigRequest {
  /** Maximum batch size → config.json `batch_size`. */
  readonly batch_size?: number | 'auto';
  /** No OVMS equivalent: reported in `ignored`. */
  readonly preferred_batch?: number;
  /** Instances in parallel → `plugin_config.NUM_STREAMS` (OpenVINO execution streams). */
  readonly instance_count?: number;
  readonly execution_mode?: ExecutionMode;
  /** `FP32`/`FP16`/`BF16` (or `f32`/`f16`/`bf16`) → `plugin_config.INFERENCE_PRECISION_HINT`. */
  readonly precision?: string;
  /** Any config.json model key (`nireq`, `target_device`, `shape`, `plugin_config`, …), passed as it is. */
  readonly [key: string]: unknown;
}

/**
 * "Up to `max` per request" in OVMS's terms: a range `1:max` on the batch dimension of each input's
 * `shape` (rest-api.md §7.1), other dimensions as the model has them, and no fixed `batch_size`.
 * config.json `batch_size: N` would instead FIX the batch at N and reject every smaller request.
 */
function maxBatchPatch(max: number, inputs: readonly TensorMetadata[]): ModelConfigChange {
  if (inputs.length === 0 || inputs.some((i) => i.shape.length === 0)) return { batch_size: max };
  const shape = Object.fromEntries(inputs.map((i) => [i.name, `(1:${max}${i.shape.slice(1).map((d) => `,${d}`).join('')})`]));
  return { batch_size: null, shape };
}

/** A request key that has no effect, and why. */
export interface IgnoredSetting {
  readonly key: string;
  readonly reason: string;
}

/** What {@link modelConfigPatch} returns. */
export interface ModelConfigPatchResult {
  readonly patch: ModelConfigChange;
  readonly ignored: readonly IgnoredSetting[];
}

// config.json model keys a caller may set directly (rest-api.md §7.1); `name` is how the entry is found.
const PASS_THROUGH: ReadonlySet<string> = /*#__PURE__*/ new Set([
  'base_path',
  'shape',
  'layout',
  'model_version_policy',
  'nireq',
  'target_device',
  'plugin_config',
  'allow_cache',
  'custom_loader_options',
  'graph_path',
  'subconfig',
]);

const PREFERRED_BATCH_REASON =
  'OVMS has no preferred or dynamic batch size (no server-side batching of separate requests, rest-api.md §7.1-§7.2); ' +
  'batch_size fixes the model batch, "auto" reshapes to each request';

/**
 * Maps the seed's `OVMSModelConfig` onto a config.json change (OVMS has no runtime API for these,
 * rest-api.md §7.2):
 * - `batch_size`, which the seed documents as the MAXIMUM batch size: with the model's inputs given,
 *   a range `1:batch_size` on each input's batch dimension (`shape`); without them, config.json
 *   `batch_size` (which fixes the batch); `auto` → `batch_size: "auto"`;
 * - `instance_count` → `plugin_config.NUM_STREAMS` (and `PERFORMANCE_HINT` removed: OVMS says not
 *   to combine them, §7.1);
 * - `execution_mode` → `plugin_config.PERFORMANCE_HINT` (see `executionModePatch`);
 * - `precision` → `plugin_config.INFERENCE_PRECISION_HINT` (`f32`, `f16`, `bf16`);
 * - `preferred_batch` has no OVMS equivalent: it is reported in `ignored` rather than rejected, so
 *   that the seed's own snippet (`batch_size`, `preferred_batch`, `instance_count` together) works;
 * - any other config.json model key passes through unchanged (validated later against the schema).
 *
 * @param request - The seed's model config.
 * @param model - The model's metadata (its inputs), so `batch_size` can become a batch range.
 * @returns The patch for `updateModelConfig` and the settings that had no effect.
 * @throws {OvmsError} `InvalidInput` for a bad value, an unknown key, or `instance_count` together
 *   with `execution_mode`; `Unsupported` for an integer precision (see `quantizationPatch`).
 * @example
 * ```ts
 * modelConfigPatch({ batch_size: 32, preferred_batch: 16, instance_count: 2 });
 * // { patch: { batch_size: 32, plugin_config: { NUM_STREAMS: '2', PERFORMANCE_HINT: null } },
 * //   ignored: [{ key: 'preferred_batch', reason: '…' }] }
 * ```
 */
export function modelConfigPatch(request: ModelConfigRequest, model?: { readonly inputs: readonly TensorMetadata[] }): ModelConfigPatchResult {
  if (typeof request !== 'object' || request === null) throw invalidInput('config', 'expected an object');
  const patches: ModelConfigChange[] = [];
  const ignored: IgnoredSetting[] = [];
  const passThrough: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined) continue;
    switch (key) {
      case 'batch_size':
        if (value !== 'auto' && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
          throw invalidInput('batch_size', `expected an integer >= 0 or "auto", got ${JSON.stringify(value)}`);
        }
        patches.push(typeof value === 'number' && value > 0 && model !== undefined ? maxBatchPatch(value, model.inputs) : { batch_size: value });
        break;
      case 'preferred_batch':
        ignored.push({ key, reason: PREFERRED_BATCH_REASON });
        break;
      case 'instance_count':
        if (!(typeof value === 'number' && Number.isSafeInteger(value) && value >= 1)) throw invalidInput('instance_count', `expected an integer >= 1, got ${JSON.stringify(value)}`);
        if (request.execution_mode !== undefined) {
          throw invalidInput('instance_count', 'cannot be combined with execution_mode: OVMS says not to combine NUM_STREAMS with PERFORMANCE_HINT (rest-api.md §7.1); give one of them');
        }
        patches.push({ plugin_config: { NUM_STREAMS: String(value), PERFORMANCE_HINT: null } });
        break;
      case 'execution_mode':
        patches.push(executionModePatch(value as ExecutionMode));
        break;
      case 'precision':
        patches.push({ plugin_config: { INFERENCE_PRECISION_HINT: precisionHint(value) } });
        break;
      default:
        if (!PASS_THROUGH.has(key)) {
          throw invalidInput(key, `not a setting OVMS has; use batch_size, instance_count, execution_mode, precision, or a config.json model key (${[...PASS_THROUGH].join(', ')})`);
        }
        Object.defineProperty(passThrough, key, { value, enumerable: true });
    }
  }
  // Pass-through keys first, so the mapped settings win over a raw plugin_config.
  return { patch: mergeModelConfigPatches(passThrough as ModelConfigChange, ...patches), ignored };
}

