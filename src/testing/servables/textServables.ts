/**
 * Text servables: `bert` (token ids → embedding) and `string` (BYTES in, BYTES out).
 */
import { httpError, MSG } from '../http/OvmsHttpError.js';
import { formatShape } from '../kserve/formatShape.js';
import type { ModelServableDefinition, ServerTensor } from './ServableDefinition.js';

const EMBEDDING_SIZE = 16;

function required(inputs: ReadonlyMap<string, ServerTensor>, name: string): ServerTensor {
  const t = inputs.get(name);
  if (t === undefined) throw httpError(400, MSG.missingInput, `Required input: ${name}`);
  return t;
}

/**
 * `bert`: inputs `data` and `mask` INT64 [-1,-1] (batch, sequence; same shape), output
 * `embedding` FP32 [N,16]: for row r, `e_j = Σt mask·sin(0.01·version·(token+1)·(j+1) + 0.1·t)`,
 * divided by `Σ mask`, then L2-normalised. Versions 1, 2 and 3 differ through `version`.
 */
export const bertServable: ModelServableDefinition = {
  kind: 'model',
  id: 'bert',
  summary:
    'inputs `data`, `mask` INT64 [-1,-1] (batch, sequence) → output `embedding` FP32 [-1,16], L2-normalised masked mean of token features; versions 1, 2, 3 differ',
  versions: [1, 2, 3],
  batched: true,
  inputs: () => [
    { name: 'data', datatype: 'INT64', shape: [-1, -1] },
    { name: 'mask', datatype: 'INT64', shape: [-1, -1] },
  ],
  outputs: (_v, ins) => [{ name: 'embedding', datatype: 'FP32', shape: [ins[0]?.shape[0] ?? -1, EMBEDDING_SIZE] }],
  compute: (inputs, version) => {
    const data = required(inputs, 'data');
    const mask = required(inputs, 'mask');
    if (formatShape(mask.shape) !== formatShape(data.shape)) {
      throw httpError(400, MSG.shape, `Expected: ${formatShape(data.shape)}; Actual: ${formatShape(mask.shape)}; input name: mask`);
    }
    const ids = data.data as BigInt64Array;
    const m = mask.data as BigInt64Array;
    const rows = data.shape[0] ?? 1;
    const len = rows > 0 ? ids.length / rows : 0;
    const out = new Float32Array(rows * EMBEDDING_SIZE);
    for (let r = 0; r < rows; r += 1) {
      const e = new Array<number>(EMBEDDING_SIZE).fill(0);
      let weight = 0;
      for (let t = 0; t < len; t += 1) {
        const w = Number(m[r * len + t] ?? 0n);
        if (w === 0) continue;
        weight += w;
        const tok = Number(ids[r * len + t] ?? 0n);
        for (let j = 0; j < EMBEDDING_SIZE; j += 1) e[j] = (e[j] ?? 0) + w * Math.sin(0.01 * version * (tok + 1) * (j + 1) + 0.1 * t);
      }
      const scaled = e.map((v) => v / (weight || 1));
      const norm = Math.sqrt(scaled.reduce((s, v) => s + v * v, 0)) || 1;
      for (let j = 0; j < EMBEDDING_SIZE; j += 1) out[r * EMBEDDING_SIZE + j] = (scaled[j] ?? 0) / norm;
    }
    return [{ name: 'embedding', datatype: 'FP32', shape: [rows, EMBEDDING_SIZE], data: out }];
  },
};

/**
 * `bert_int8`: `bert` as an INT8-quantized model would answer: the same inputs and outputs, the
 * embedding rounded to the 8-bit grid (x ≈ round(127·x)/127). Not in the default config; a
 * config.json entry selects it with `base_path: "builtin:bert_int8"` (or a folder named `bert_int8`),
 * which is how `setQuantization` switches a model to a pre-quantized one.
 */
export const bertInt8Servable: ModelServableDefinition = {
  ...bertServable,
  id: 'bert_int8',
  summary: '`bert` quantized to INT8: same inputs/outputs, embedding values on the 8-bit grid round(127·x)/127',
  compute: (inputs, version) =>
    bertServable.compute(inputs, version).map((t) => ({ ...t, data: (t.data as Float32Array).map((x) => Math.round(x * 127) / 127) })),
};

/**
 * `string`: input `my_name` BYTES [-1], output `my_name` BYTES: version 1 returns the input
 * (fixture F47 is this model), version 2 ASCII upper case, version 3 reverses each string.
 */
export const stringServable: ModelServableDefinition = {
  kind: 'model',
  id: 'string',
  summary: 'input `my_name` BYTES [-1] → output `my_name` BYTES [-1]: v1 unchanged (fixture F47), v2 ASCII upper case, v3 reversed (by code point)',
  versions: [1, 2, 3],
  batched: true,
  inputs: () => [{ name: 'my_name', datatype: 'BYTES', shape: [-1] }],
  outputs: (_v, ins) => [{ name: 'my_name', datatype: 'BYTES', shape: ins[0]?.shape ?? [-1] }],
  compute: (inputs, version) => {
    const t = required(inputs, 'my_name');
    const elements = t.data as Uint8Array[];
    const out = elements.map((e) => {
      if (version === 2) return e.map((c) => (c >= 0x61 && c <= 0x7a ? c - 32 : c));
      if (version === 3) return new TextEncoder().encode([...new TextDecoder().decode(e)].reverse().join(''));
      return e;
    });
    return [{ name: 'my_name', datatype: 'BYTES', shape: t.shape, data: out }];
  },
};
