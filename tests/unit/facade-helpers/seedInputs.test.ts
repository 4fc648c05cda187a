/**
 * seedInputs: the seed document's four input formats mapped onto a model's inputs (pure).
 */
import { describe, expect, it } from 'vitest';
import type { ModelMetadata } from '../../../src/protocols/kserve/kserveSchemas.js';
import { seedInputs } from '../../../src/protocols/kserve/seedInputs.js';
import { invalidInputMessageOf } from '../../helpers/ovmsClient.js';

const meta = (name: string, inputs: ModelMetadata['inputs']): ModelMetadata => ({ name, versions: ['1'], platform: 'OpenVINO', inputs, outputs: [] });
const bert = meta('bert', [
  { name: 'data', datatype: 'INT64', shape: [-1, -1] },
  { name: 'mask', datatype: 'INT64', shape: [-1, -1] },
]);
const custom = meta('custom_model', [{ name: 'input', datatype: 'FP32', shape: [-1, -1] }]);
const resnet = meta('resnet', [{ name: 'image', datatype: 'FP32', shape: [-1, -1, -1, 3] }]);
const multi = meta('multi_io', [
  { name: 'a', datatype: 'FP32', shape: [-1, -1] },
  { name: 'b', datatype: 'INT32', shape: [-1, -1] },
  { name: 'flags', datatype: 'BOOL', shape: [-1, -1] },
  { name: 'text', datatype: 'BYTES', shape: [-1] },
]);
const strings = meta('string', [{ name: 'my_name', datatype: 'BYTES', shape: [-1] }]);

describe('format 4: a value goes to the first input', () => {
  it('an array to a single-input model', () => {
    expect(seedInputs(custom, [0, 1, 2, 3, 4])).toStrictEqual({ input: [0, 1, 2, 3, 4] });
  });

  it('an array to bert: the attention mask is filled with ones of the same nesting', () => {
    expect(seedInputs(bert, [0, 1, 2, 3, 4])).toStrictEqual({ data: [0, 1, 2, 3, 4], mask: [1, 1, 1, 1, 1] });
    expect(seedInputs(bert, [[5, 6], [7, 8]])).toStrictEqual({ data: [[5, 6], [7, 8]], mask: [[1, 1], [1, 1]] });
  });

  it('a typed array keeps its identity; the mask is plain ones', () => {
    const ids = new BigInt64Array([3n, 4n, 5n]);
    const out = seedInputs(bert, ids) as Record<string, unknown>;
    expect(out['data']).toBe(ids);
    expect(out).toStrictEqual({ data: ids, mask: [1, 1, 1] });
  });

  it('the seed image (2x2x3 nested array) to resnet', () => {
    const image = [
      [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],
      [[0.7, 0.8, 0.9], [1.0, 1.1, 1.2]],
    ];
    expect(seedInputs(resnet, image)).toStrictEqual({ image });
  });

  it('a single value is a one-element array', () => {
    expect(seedInputs(strings, 'Hello world')).toStrictEqual({ my_name: ['Hello world'] });
    expect(seedInputs(custom, 7)).toStrictEqual({ input: [7] });
  });

  it('a model with inputs that cannot be filled: lists them and says to pass an object', () => {
    expect(invalidInputMessageOf(() => seedInputs(multi, [1, 2]))).toBe(
      'data: model "multi_io" takes 4 inputs (a FP32 (-1,-1), b INT32 (-1,-1), flags BOOL (-1,-1), text BYTES (-1)); an array goes to the first input (a) and b, flags, text cannot be filled: pass an object { name: data } with a, b, flags, text',
    );
  });

  it('a mask input is fillable only when integer, named like mask and of the first input\'s rank', () => {
    const floatMask = meta('m', [
      { name: 'ids', datatype: 'INT32', shape: [-1, -1] },
      { name: 'attention_mask', datatype: 'FP32', shape: [-1, -1] },
    ]);
    expect(invalidInputMessageOf(() => seedInputs(floatMask, [1]))).toContain('attention_mask cannot be filled');
    const otherRank = meta('m', [
      { name: 'ids', datatype: 'INT32', shape: [-1, -1] },
      { name: 'Attention_Mask', datatype: 'INT8', shape: [-1] },
    ]);
    expect(invalidInputMessageOf(() => seedInputs(otherRank, [1]))).toContain('Attention_Mask cannot be filled');
    const ok = meta('m', [
      { name: 'ids', datatype: 'INT32', shape: [-1, -1] },
      { name: 'Attention_Mask', datatype: 'UINT8', shape: [1, -1] },
    ]);
    expect(seedInputs(ok, [9, 9])).toStrictEqual({ ids: [9, 9], Attention_Mask: [1, 1] });
  });

  it('a model without inputs', () => {
    expect(invalidInputMessageOf(() => seedInputs(meta('empty', []), [1]))).toBe('data: model "empty" declares no inputs');
  });
});

describe('format 1: an object of inputs by name', () => {
  it('the seed object for bert, in the model\'s input order', () => {
    const out = seedInputs(bert, { mask: [1, 1, 1, 1], data: [0, 1, 2, 3] });
    expect(out).toStrictEqual({ data: [0, 1, 2, 3], mask: [1, 1, 1, 1] });
    expect(Object.keys(out)).toEqual(['data', 'mask']);
  });

  it('a missing mask is filled like the first input', () => {
    expect(seedInputs(bert, { data: [[0, 1, 2]] })).toStrictEqual({ data: [[0, 1, 2]], mask: [[1, 1, 1]] });
  });

  it('a missing first input (the mask\'s reference) is an error', () => {
    expect(invalidInputMessageOf(() => seedInputs(bert, { mask: [1, 1] }))).toBe(
      'data: missing input data: model "bert" takes 2 inputs (data INT64 (-1,-1), mask INT64 (-1,-1)); pass an object { name: data } with every input (an integer input named like "mask" is filled with ones when omitted)',
    );
  });

  it('unknown keys are named with the model\'s inputs', () => {
    expect(invalidInputMessageOf(() => seedInputs(bert, { data: [1], token_type_ids: [0], extra: [0] }))).toBe(
      'data: unknown inputs "token_type_ids", "extra": model "bert" takes 2 inputs (data INT64 (-1,-1), mask INT64 (-1,-1))',
    );
  });

  it('a single key for a single-input model of another input name is NOT redirected', () => {
    expect(invalidInputMessageOf(() => seedInputs(custom, { data: [0, 1, 2] }))).toBe(
      'data: unknown input "data": model "custom_model" takes 1 input (input FP32 (-1,-1)); pass the data itself (not an object) to send it to "input"',
    );
  });

  it('a model input named like a wrapper key wins over the wrapper', () => {
    const odd = meta('odd', [{ name: 'inputs', datatype: 'FP32', shape: [-1] }]);
    expect(seedInputs(odd, { inputs: [1, 2] })).toStrictEqual({ inputs: [1, 2] });
  });

  it('an empty object lists the missing inputs', () => {
    expect(invalidInputMessageOf(() => seedInputs(custom, {}))).toContain('missing input input: model "custom_model" takes 1 input');
  });
});

describe('format 2: the KServe form is passed through', () => {
  const tensors = [
    { name: 'data', shape: [1, 4], datatype: 'INT64' as const, data: [0, 1, 2, 3] },
    { name: 'mask', shape: [1, 4], datatype: 'INT64' as const, data: [1, 1, 1, 1] },
  ];

  it('{ inputs: [tensor, …] } and the bare list, untouched (no mask filling)', () => {
    expect(seedInputs(bert, { inputs: tensors })).toBe(tensors);
    expect(seedInputs(bert, tensors)).toBe(tensors);
    const onlyData = [tensors[0]!];
    expect(seedInputs(bert, { inputs: onlyData })).toBe(onlyData);
  });

  it('other keys next to the tensor list are rejected', () => {
    expect(invalidInputMessageOf(() => seedInputs(bert, { inputs: tensors, parameters: { x: 1 } }))).toBe(
      'data: unexpected key "parameters" in the KServe form { inputs: [{ name, data, shape?, datatype? }] }; allowed: inputs',
    );
  });
});

describe('format 3: TensorFlow-Serving row and column forms', () => {
  it('the seed\'s named instances are stacked per input', () => {
    expect(seedInputs(bert, { instances: [{ data: [0, 1, 2, 3], mask: [1, 1, 1, 1] }] })).toStrictEqual({ data: [[0, 1, 2, 3]], mask: [[1, 1, 1, 1]] });
  });

  it('several instances, a missing mask filled, signature_name ignored', () => {
    expect(seedInputs(bert, { signature_name: 'serving_default', instances: [{ data: [1, 2] }, { data: [3, 4] }] })).toStrictEqual({
      data: [
        [1, 2],
        [3, 4],
      ],
      mask: [
        [1, 1],
        [1, 1],
      ],
    });
  });

  it('typed-array rows stack into a nested array of typed arrays', () => {
    const r0 = new Float32Array([1, 2]);
    const r1 = new Float32Array([3, 4]);
    expect(seedInputs(custom, { instances: [{ input: r0 }, { input: r1 }] })).toStrictEqual({ input: [r0, r1] });
  });

  it('raw instances are the batch of the first input', () => {
    expect(seedInputs(custom, { instances: [[1, 2], [3, 4]] })).toStrictEqual({ input: [[1, 2], [3, 4]] });
    expect(seedInputs(bert, { instances: [[7, 8]] })).toStrictEqual({ data: [[7, 8]], mask: [[1, 1]] });
    expect(seedInputs(strings, { instances: ['a', 'b'] })).toStrictEqual({ my_name: ['a', 'b'] });
  });

  it('instance errors: empty, mixed, different inputs, unknown input', () => {
    expect(invalidInputMessageOf(() => seedInputs(bert, { instances: [] }))).toBe(
      'data.instances: Missing instances in row format: expected a non-empty array with one element per batch row, got an array of length 0',
    );
    expect(invalidInputMessageOf(() => seedInputs(bert, { instances: [{ data: [1] }, [2]] }))).toBe(
      'data.instances: every instance must be of the same kind: all objects of input name → value, or all raw values of the first input',
    );
    expect(invalidInputMessageOf(() => seedInputs(bert, { instances: [{ data: [1], mask: [1] }, { data: [2] }] }))).toBe(
      'data.instances: every instance must name the same inputs: instance 0 has data, mask, instance 1 has data',
    );
    expect(invalidInputMessageOf(() => seedInputs(bert, { instances: [{ ids: [1] }] }))).toBe(
      'data.instances: unknown input "ids": model "bert" takes 2 inputs (data INT64 (-1,-1), mask INT64 (-1,-1))',
    );
  });

  it('column form: inputs by name, or a value of the first input', () => {
    expect(seedInputs(bert, { inputs: { data: [[0, 1]], mask: [[1, 0]] }, signature_name: 'serving_default' })).toStrictEqual({ data: [[0, 1]], mask: [[1, 0]] });
    expect(seedInputs(bert, { inputs: [[0, 1]] })).toStrictEqual({ data: [[0, 1]], mask: [[1, 1]] });
    expect(seedInputs(custom, { inputs: 5.1 })).toStrictEqual({ input: [5.1] });
    expect(invalidInputMessageOf(() => seedInputs(custom, { inputs: [] }))).toBe(
      'data.inputs: expected a non-empty value or an object of input name → value, got an empty array',
    );
  });

  it('wrapper errors: both forms, unexpected keys', () => {
    expect(invalidInputMessageOf(() => seedInputs(bert, { instances: [[1]], inputs: [[1]] }))).toBe(
      'data: Invalid JSON structure. Could not detect row or column format: give either `instances` (row format) or `inputs` (column format), not both',
    );
    expect(invalidInputMessageOf(() => seedInputs(bert, { instances: [[1]], id: 'x' }))).toBe(
      'data: unexpected key "id" in the row format { instances: [...] }; allowed: instances, signature_name',
    );
    expect(invalidInputMessageOf(() => seedInputs(bert, { inputs: [[1]], outputs: ['embedding'] }))).toBe(
      'data: unexpected key "outputs" in the column format { inputs: ... }; allowed: inputs, signature_name',
    );
  });
});

describe('data of no known format', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
  ])('%s', (value, described) => {
    expect(invalidInputMessageOf(() => seedInputs(custom, value))).toBe(
      `data: expected an array, a typed array, an object of input name → data, { instances: [...] } or { inputs: ... }; got ${described}`,
    );
  });

  it('does not mutate the caller\'s object', () => {
    const data = { data: [1, 2] };
    const frozen = Object.freeze(data);
    expect(seedInputs(bert, frozen)).toStrictEqual({ data: [1, 2], mask: [1, 1] });
    expect(data).toStrictEqual({ data: [1, 2] });
  });
});
