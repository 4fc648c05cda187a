/**
 * Small numeric servables: `dummy` (OVMS's own test model), `versioned`, `custom_model`,
 * `dummy_fp16` and `multi_io`.
 */
import { httpError, MSG } from '../http/OvmsHttpError.js';
import { formatShape } from '../kserve/formatShape.js';
import type { ModelServableDefinition, ServerTensor, TensorSpec } from './ServableDefinition.js';
import { renamed } from './tensorData.js';

// Reads an input the validator guarantees to be present.
function input(inputs: ReadonlyMap<string, ServerTensor>, name: string): ServerTensor {
  const t = inputs.get(name);
  if (t === undefined) throw httpError(400, MSG.missingInput, `Required input: ${name}`);
  return t;
}

/**
 * `dummy`: input `b` FP32 [1,10], output `a = b + 1`, like the model in OVMS's tests (fixtures
 * F35, F43, F46). The `rt_info` is the one of fixture F35.
 */
export const dummyServable: ModelServableDefinition = {
  kind: 'model',
  id: 'dummy',
  summary: 'input `b` FP32 [1,10] → output `a` FP32 [1,10] = b + 1 (OVMS test model)',
  versions: [1],
  batched: true,
  inputs: () => [{ name: 'b', datatype: 'FP32', shape: [1, 10] }],
  outputs: (_v, ins) => [renamed(ins[0] ?? { name: 'b', datatype: 'FP32', shape: [1, 10] }, 'a')],
  rtInfo: { model_info: { precision: 'FP16', resolution: { height: '200', width: '300' } } },
  compute: (inputs) => {
    const b = input(inputs, 'b');
    const x = b.data as Float32Array;
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i += 1) out[i] = (x[i] as number) + 1;
    return [{ name: 'a', datatype: 'FP32', shape: b.shape, data: out }];
  },
};

/** `versioned`: input `x` FP32 [-1,-1]; output `y = x + version` (versions 1, 2, 3 answer differently). */
export const versionedServable: ModelServableDefinition = {
  kind: 'model',
  id: 'versioned',
  summary: 'input `x` FP32 [-1,-1] → output `y` FP32 = x + version (versions 1, 2, 3)',
  versions: [1, 2, 3],
  batched: true,
  inputs: () => [{ name: 'x', datatype: 'FP32', shape: [-1, -1] }],
  outputs: (_v, ins) => [renamed(ins[0] ?? { name: 'x', datatype: 'FP32', shape: [-1, -1] }, 'y')],
  compute: (inputs, version) => {
    const t = input(inputs, 'x');
    const x = t.data as Float32Array;
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i += 1) out[i] = (x[i] as number) + version;
    return [{ name: 'y', datatype: 'FP32', shape: t.shape, data: out }];
  },
};

/** `custom_model`: input `input` FP32 [-1,-1]; output `output` = cumulative sum along the last axis. */
export const customModelServable: ModelServableDefinition = {
  kind: 'model',
  id: 'custom_model',
  summary: 'input `input` FP32 [-1,-1] → output `output` FP32 [-1,-1] = running sum along the last axis',
  versions: [1],
  batched: true,
  inputs: () => [{ name: 'input', datatype: 'FP32', shape: [-1, -1] }],
  outputs: (_v, ins) => [renamed(ins[0] ?? { name: 'input', datatype: 'FP32', shape: [-1, -1] }, 'output')],
  compute: (inputs) => {
    const t = input(inputs, 'input');
    const x = t.data as Float32Array;
    const row = t.shape.length === 0 ? 1 : (t.shape[t.shape.length - 1] ?? 1);
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i += 1) {
      out[i] = (x[i] as number) + (row > 0 && i % row !== 0 ? (out[i - 1] as number) : 0);
    }
    return [{ name: 'output', datatype: 'FP32', shape: t.shape, data: out }];
  },
};

/** `dummy_fp16`: `dummy` in half precision; FP16 travels only as binary data (rest-api.md §4.7). */
export const dummyFp16Servable: ModelServableDefinition = {
  kind: 'model',
  id: 'dummy_fp16',
  summary: 'input `b` FP16 [1,10] → output `a` FP16 [1,10] = b + 1 (binary data only)',
  versions: [1],
  batched: true,
  inputs: () => [{ name: 'b', datatype: 'FP16', shape: [1, 10] }],
  outputs: (_v, ins) => [renamed(ins[0] ?? { name: 'b', datatype: 'FP16', shape: [1, 10] }, 'a')],
  compute: (inputs) => {
    const b = input(inputs, 'b');
    const x = b.data as Float32Array;
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i += 1) out[i] = (x[i] as number) + 1;
    return [{ name: 'a', datatype: 'FP16', shape: b.shape, data: out }];
  },
};

const MULTI_IO_INPUTS: readonly TensorSpec[] = [
  { name: 'a', datatype: 'FP32', shape: [-1, -1] },
  { name: 'b', datatype: 'INT32', shape: [-1, -1] },
  { name: 'flags', datatype: 'BOOL', shape: [-1, -1] },
  { name: 'text', datatype: 'BYTES', shape: [-1] },
];

/**
 * `multi_io`: several inputs and outputs of different datatypes. `a`, `b` and `flags` must have
 * the same shape [N, M]; `text` has any length K.
 */
export const multiIoServable: ModelServableDefinition = {
  kind: 'model',
  id: 'multi_io',
  summary:
    'inputs `a` FP32 [-1,-1], `b` INT32 [-1,-1], `flags` BOOL [-1,-1], `text` BYTES [-1] → `sum` FP64 = a + b, `masked` FP32 = flags ? a : 0, `active` INT64 [N] = true flags per row, `lengths` UINT32 [K] = byte length of each text, `upper` BYTES [K] = ASCII upper case',
  versions: [1],
  batched: true,
  inputs: () => MULTI_IO_INPUTS,
  outputs: (_v, ins) => {
    const a = ins.find((s) => s.name === 'a')?.shape ?? [-1, -1];
    const t = ins.find((s) => s.name === 'text')?.shape ?? [-1];
    return [
      { name: 'active', datatype: 'INT64', shape: a.slice(0, 1) },
      { name: 'lengths', datatype: 'UINT32', shape: t },
      { name: 'masked', datatype: 'FP32', shape: a },
      { name: 'sum', datatype: 'FP64', shape: a },
      { name: 'upper', datatype: 'BYTES', shape: t },
    ];
  },
  compute: (inputs) => {
    const a = input(inputs, 'a');
    const b = input(inputs, 'b');
    const flags = input(inputs, 'flags');
    const text = input(inputs, 'text');
    for (const other of [b, flags]) {
      if (formatShape(other.shape) !== formatShape(a.shape)) {
        throw httpError(400, MSG.shape, `Expected: ${formatShape(a.shape)}; Actual: ${formatShape(other.shape)}; input name: ${other.name}`);
      }
    }
    const av = a.data as Float32Array;
    const bv = b.data as Int32Array;
    const fv = flags.data as boolean[];
    const n = av.length;
    const sum = new Float64Array(n);
    const masked = new Float32Array(n);
    for (let i = 0; i < n; i += 1) {
      sum[i] = (av[i] as number) + (bv[i] as number);
      masked[i] = fv[i] === true ? (av[i] as number) : 0;
    }
    const rows = a.shape[0] ?? 1;
    const cols = rows > 0 ? n / rows : 0;
    const active = new BigInt64Array(rows);
    for (let r = 0; r < rows; r += 1) {
      let c = 0;
      for (let k = 0; k < cols; k += 1) if (fv[r * cols + k] === true) c += 1;
      active[r] = BigInt(c);
    }
    const texts = text.data as Uint8Array[];
    const lengths = new Uint32Array(texts.map((t) => t.length));
    const upper = texts.map((t) => t.map((c) => (c >= 0x61 && c <= 0x7a ? c - 32 : c)));
    return [
      { name: 'active', datatype: 'INT64', shape: [rows], data: active },
      { name: 'lengths', datatype: 'UINT32', shape: text.shape, data: lengths },
      { name: 'masked', datatype: 'FP32', shape: a.shape, data: masked },
      { name: 'sum', datatype: 'FP64', shape: a.shape, data: sum },
      { name: 'upper', datatype: 'BYTES', shape: text.shape, data: upper },
    ];
  },
};
