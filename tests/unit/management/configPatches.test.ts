/**
 * The pure mappings from the seed's settings to config.json changes (rest-api.md §7.1, §7.2).
 */
import { describe, expect, it } from 'vitest';
import {
  applyModelConfigPatch,
  executionModePatch,
  isOvmsErrorReason,
  mergeModelConfigPatches,
  modelConfigPatch,
  precisionHint,
  quantizationPatch,
  type OvmsError,
} from '../../../src/ovms.js';

function thrown(f: () => unknown): OvmsError {
  try {
    f();
  } catch (error) {
    return error as OvmsError;
  }
  throw new Error('expected a throw');
}

describe('executionModePatch', () => {
  it('sets PERFORMANCE_HINT and removes NUM_STREAMS', () => {
    expect(executionModePatch('latency')).toEqual({ plugin_config: { PERFORMANCE_HINT: 'LATENCY', NUM_STREAMS: null } });
    expect(executionModePatch('throughput')).toEqual({ plugin_config: { PERFORMANCE_HINT: 'THROUGHPUT', NUM_STREAMS: null } });
  });

  it('rejects another mode', () => {
    const e = thrown(() => executionModePatch('fast' as 'latency'));
    expect(isOvmsErrorReason(e, 'InvalidInput') && e.message).toBe('execution_mode: expected "latency" or "throughput", got "fast"');
  });
});

describe('modelConfigPatch', () => {
  it("maps the seed's snippet and reports preferred_batch as ignored", () => {
    const { patch, ignored } = modelConfigPatch({ batch_size: 32, preferred_batch: 16, instance_count: 2 });
    expect(patch).toEqual({ batch_size: 32, plugin_config: { NUM_STREAMS: '2', PERFORMANCE_HINT: null } });
    expect(ignored.map((i) => i.key)).toEqual(['preferred_batch']);
    expect(ignored[0]?.reason).toMatch(/OVMS has no preferred or dynamic batch size/);
  });

  it('maps execution_mode and precision, and passes config.json keys through (mapped settings win)', () => {
    expect(modelConfigPatch({ execution_mode: 'throughput', precision: 'FP16', nireq: 4, plugin_config: { PERFORMANCE_HINT: 'LATENCY', ENABLE_MMAP: 'NO' } })).toEqual({
      patch: { nireq: 4, plugin_config: { PERFORMANCE_HINT: 'THROUGHPUT', ENABLE_MMAP: 'NO', NUM_STREAMS: null, INFERENCE_PRECISION_HINT: 'f16' } },
      ignored: [],
    });
    expect(modelConfigPatch({ batch_size: 'auto' }).patch).toEqual({ batch_size: 'auto' });
  });

  it.each([
    [{ batch_size: -1 }, 'InvalidInput', 'batch_size: expected an integer >= 0 or "auto", got -1'],
    [{ instance_count: 0 }, 'InvalidInput', 'instance_count: expected an integer >= 1, got 0'],
    [{ instance_count: 2, execution_mode: 'latency' }, 'InvalidInput', /cannot be combined with execution_mode/],
    [{ colour: 'red' }, 'InvalidInput', /^colour: not a setting OVMS has/],
    [{ name: 'other' }, 'InvalidInput', /^name: not a setting OVMS has/],
    [{ precision: 'INT8' }, 'Unsupported', /integer weights come from a model quantized offline/],
    [{ precision: 'FP64' }, 'InvalidInput', 'precision: expected FP32, FP16 or BF16, got "FP64"'],
  ] as const)('rejects %j', (request, tag, message) => {
    const e = thrown(() => modelConfigPatch(request as Record<string, unknown>));
    expect(e.reason._tag).toBe(tag);
    expect(e.message).toMatch(message);
  });
});

describe('precisionHint', () => {
  it('maps precision names to OpenVINO element types', () => {
    expect(['FP32', 'f32', 'FP16', 'f16', 'BF16', 'bf16'].map(precisionHint)).toEqual(['f32', 'f32', 'f16', 'f16', 'bf16', 'bf16']);
  });
});

describe('quantizationPatch', () => {
  it('maps runtime precisions and dynamic quantization to OpenVINO properties', () => {
    expect(quantizationPatch({ enabled: true, method: 'fp16' })).toEqual({ plugin_config: { INFERENCE_PRECISION_HINT: 'f16' } });
    expect(quantizationPatch({ enabled: true, bits: 16 })).toEqual({ plugin_config: { INFERENCE_PRECISION_HINT: 'f16' } });
    expect(quantizationPatch({ enabled: true, method: 'bf16' })).toEqual({ plugin_config: { INFERENCE_PRECISION_HINT: 'bf16' } });
    expect(quantizationPatch({ enabled: true, method: 'dynamic' })).toEqual({ plugin_config: { DYNAMIC_QUANTIZATION_GROUP_SIZE: '32' } });
    expect(quantizationPatch({ enabled: true, method: 'dynamic', group_size: 64, kv_cache_precision: 'u8' })).toEqual({
      plugin_config: { DYNAMIC_QUANTIZATION_GROUP_SIZE: '64', KV_CACHE_PRECISION: 'u8' },
    });
  });

  it('switches to a pre-quantized model given as base_path', () => {
    expect(quantizationPatch({ enabled: true, method: 'int8', bits: 8, base_path: '/models/bert-int8' })).toEqual({ base_path: '/models/bert-int8' });
    expect(quantizationPatch({ enabled: true, base_path: '/models/bert-int4' })).toEqual({ base_path: '/models/bert-int4' });
  });

  it('disabling removes the runtime properties (and switches back when a base_path is given)', () => {
    expect(quantizationPatch({ enabled: false })).toEqual({
      plugin_config: { INFERENCE_PRECISION_HINT: null, DYNAMIC_QUANTIZATION_GROUP_SIZE: null, KV_CACHE_PRECISION: null },
    });
    expect(quantizationPatch({ enabled: false, base_path: '/models/bert' })).toMatchObject({ base_path: '/models/bert' });
  });

  it("refuses static INT8/INT4 without a quantized model: it needs NNCF or optimum offline", () => {
    for (const request of [{ enabled: true, method: 'int8', bits: 8 }, { enabled: true, method: 'int4' }, { enabled: true, bits: 4 }]) {
      const e = thrown(() => quantizationPatch(request));
      expect(e.reason._tag).toBe('Unsupported');
      expect(e.message).toMatch(/cannot be done by OVMS at run time.*NNCF.*optimum-cli.*base_path/);
    }
  });

  it('rejects an unknown method', () => {
    expect(thrown(() => quantizationPatch({ enabled: true, method: 'magic' })).message).toBe('method: expected int8, int4 (with base_path), fp16, bf16 or dynamic, got "magic"');
    expect(thrown(() => quantizationPatch({ enabled: true })).reason._tag).toBe('InvalidInput');
  });
});

describe('applyModelConfigPatch and mergeModelConfigPatches', () => {
  const current = { name: 'bert', base_path: '/m/bert', plugin_config: { NUM_STREAMS: '2', ENABLE_MMAP: 'NO' }, batch_size: 1 };

  it('sets, removes and merges plugin_config key by key, keeping key order', () => {
    const next = applyModelConfigPatch(current, { batch_size: null, nireq: 8, ...executionModePatch('latency') });
    expect(next).toEqual({ name: 'bert', base_path: '/m/bert', plugin_config: { ENABLE_MMAP: 'NO', PERFORMANCE_HINT: 'LATENCY' }, nireq: 8 });
    expect(Object.keys(next)).toEqual(['name', 'base_path', 'plugin_config', 'nireq']);
    expect(current.plugin_config).toEqual({ NUM_STREAMS: '2', ENABLE_MMAP: 'NO' });
  });

  it('drops an emptied plugin_config and replaces objects other than plugin_config whole', () => {
    expect(applyModelConfigPatch({ name: 'm', plugin_config: { A: '1' } }, { plugin_config: { A: null } })).toEqual({ name: 'm' });
    expect(applyModelConfigPatch({ name: 'm', model_version_policy: { all: {} } }, { model_version_policy: { latest: { num_versions: 2 } } })).toEqual({
      name: 'm',
      model_version_policy: { latest: { num_versions: 2 } },
    });
  });

  it('merges patches so that applying the merge equals applying them in order', () => {
    const a = { batch_size: 4, plugin_config: { NUM_STREAMS: '3', PERFORMANCE_HINT: null } };
    const b = executionModePatch('throughput');
    const merged = mergeModelConfigPatches(a, b);
    expect(merged).toEqual({ batch_size: 4, plugin_config: { NUM_STREAMS: null, PERFORMANCE_HINT: 'THROUGHPUT' } });
    expect(applyModelConfigPatch(current, merged)).toEqual(applyModelConfigPatch(applyModelConfigPatch(current, a), b));
  });
});
