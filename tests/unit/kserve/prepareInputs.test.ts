import { describe, expect, it } from 'vitest';
import type { ModelMetadata } from '../../../src/protocols/kserve/kserveSchemas.js';
import { prepareInputs } from '../../../src/protocols/kserve/prepareInputs.js';
import { invalidInputMessageOf } from '../../helpers/ovmsClient.js';

const meta = (inputs: ModelMetadata['inputs']): ModelMetadata => ({ name: 'm', versions: ['1'], platform: 'OpenVINO', inputs, outputs: [] });
const dummy = meta([{ name: 'b', datatype: 'FP32', shape: [1, 10] }]);
const bert = meta([
  { name: 'data', datatype: 'INT64', shape: [-1, -1] },
  { name: 'mask', datatype: 'INT64', shape: [-1, -1] },
]);

describe('prepareInputs with metadata', () => {
  it('takes the datatype from metadata and solves the shape of a flat typed array', () => {
    const values = new Float32Array(10);
    expect(prepareInputs({ b: values }, dummy)).toEqual([{ name: 'b', datatype: 'FP32', datatypeFixed: true, shape: [1, 10], values }]);
  });

  it('prepends a batch dimension to a nested array of one rank less', () => {
    expect(prepareInputs({ data: [0, 1, 2, 3, 4], mask: [1, 1, 1, 1, 1] }, bert)).toEqual([
      { name: 'data', datatype: 'INT64', datatypeFixed: true, shape: [1, 5], values: [0, 1, 2, 3, 4] },
      { name: 'mask', datatype: 'INT64', datatypeFixed: true, shape: [1, 5], values: [1, 1, 1, 1, 1] },
    ]);
  });

  it('keeps an explicit shape and datatype', () => {
    const [input] = prepareInputs([{ name: 'b', data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], shape: [1, 10], datatype: 'FP32' }], dummy);
    expect(input).toEqual({ name: 'b', datatype: 'FP32', datatypeFixed: true, shape: [1, 10], values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
  });

  it('reports problems in OVMS’s order and words (rest-api.md §4.6)', () => {
    expect(invalidInputMessageOf(() => prepareInputs({ b: new Float32Array(10), c: [1] }, dummy))).toBe('inputs: Invalid number of inputs - Expected: 1; Actual: 2 (model "m" takes b)');
    expect(invalidInputMessageOf(() => prepareInputs({ x: new Float32Array(10) }, dummy))).toBe('inputs: Missing input with specific name - Required input: b');
    expect(invalidInputMessageOf(() => prepareInputs([{ name: 'b', data: [1], datatype: 'INT32' }], dummy))).toBe(
      'inputs.b: Invalid input precision - Expected: FP32; Actual: INT32; input name: b',
    );
    expect(invalidInputMessageOf(() => prepareInputs([{ name: 'b', data: new Float32Array(10), shape: [10] }], dummy))).toBe(
      'inputs.b: Invalid number of shape dimensions - Expected: (1,10); Actual: (10); input name: b',
    );
    expect(invalidInputMessageOf(() => prepareInputs([{ name: 'b', data: new Float32Array(20), shape: [2, 10] }], dummy))).toBe(
      'inputs.b: Invalid input batch size - Expected: 1; Actual: 2; input name: b',
    );
    expect(invalidInputMessageOf(() => prepareInputs({ b: [new Array(11).fill(0)] }, dummy))).toBe('inputs.b: Invalid input shape - Expected: (1,10); Actual: (1,11); input name: b');
    expect(invalidInputMessageOf(() => prepareInputs([{ name: 'b', data: new Float32Array(9), shape: [1, 10] }], dummy))).toBe(
      'inputs.b: Invalid number of values in tensor proto container - Expected: 10 values; Actual: 9 values; input name: b',
    );
  });

  it('says when a flat input cannot be shaped', () => {
    const image = meta([{ name: 'x', datatype: 'FP32', shape: [-1, -1, -1, 3] }]);
    expect(invalidInputMessageOf(() => prepareInputs({ x: new Float32Array(12) }, image))).toBe(
      'inputs.x: cannot infer a shape for 12 values from the model\'s shape (-1,-1,-1,3); pass `shape`',
    );
    expect(prepareInputs({ x: [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7, 0.8, 0.9], [1.0, 1.1, 1.2]]] }, image)[0]?.shape).toEqual([1, 2, 2, 3]);
  });

  it('does not check tensors of a MediaPipe graph (datatype INVALID, shape [])', () => {
    const graph = { ...meta([{ name: 'in', datatype: 'INVALID', shape: [] }]), outputs: [{ name: 'out', datatype: 'INVALID', shape: [] }] };
    expect(prepareInputs({ anything: ['text'] }, graph)).toEqual([{ name: 'anything', datatype: 'BYTES', datatypeFixed: false, shape: [1], values: ['text'] }]);
  });
});

describe('prepareInputs without metadata', () => {
  it('infers datatype and shape from the data', () => {
    expect(prepareInputs({ a: [[1.5, 2], [3, 4]], s: ['x', 'y'], f: [true, false], i: new Int32Array([1, 2, 3]), l: new BigInt64Array(2) }, undefined)).toEqual([
      { name: 'a', datatype: 'FP32', datatypeFixed: false, shape: [2, 2], values: [1.5, 2, 3, 4] },
      { name: 's', datatype: 'BYTES', datatypeFixed: false, shape: [2], values: ['x', 'y'] },
      { name: 'f', datatype: 'BOOL', datatypeFixed: false, shape: [2], values: [true, false] },
      { name: 'i', datatype: 'INT32', datatypeFixed: false, shape: [3], values: new Int32Array([1, 2, 3]) },
      { name: 'l', datatype: 'INT64', datatypeFixed: false, shape: [2], values: new BigInt64Array(2) },
    ]);
  });

  it('treats an array of Uint8Array as BYTES elements', () => {
    const a = new Uint8Array([1, 2]);
    const b = new Uint8Array([3]);
    expect(prepareInputs({ img: [a, b] }, undefined)).toEqual([{ name: 'img', datatype: 'BYTES', datatypeFixed: false, shape: [2], values: [a, b] }]);
  });

  it('rejects empty inputs, duplicates, unknown datatypes, ragged arrays and bad shapes', () => {
    expect(invalidInputMessageOf(() => prepareInputs({}, undefined))).toBe('inputs: expected at least one input tensor');
    expect(invalidInputMessageOf(() => prepareInputs([{ name: 'a', data: [1] }, { name: 'a', data: [2] }], undefined))).toBe('inputs: input "a" is given twice');
    expect(invalidInputMessageOf(() => prepareInputs([{ name: 'a', data: [1], datatype: 'FLOAT' as never }], undefined))).toBe('inputs.a: unknown datatype "FLOAT"');
    expect(invalidInputMessageOf(() => prepareInputs({ a: [[1, 2], [3]] }, undefined))).toMatch(/^inputs\.a: ragged nested array/);
    expect(invalidInputMessageOf(() => prepareInputs([{ name: 'a', data: [1, 2], shape: [2.5] }], undefined))).toBe('inputs.a: shape must be an array of non-negative integers, got [2.5]');
    expect(invalidInputMessageOf(() => prepareInputs({ a: [] }, undefined))).toBe("inputs.a: cannot infer the datatype of an empty input; pass `datatype`");
  });
});
