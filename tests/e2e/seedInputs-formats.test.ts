/**
 * End-to-end: the seed document's exact input formats, mapped by seedInputs from the model's
 * metadata, through infer / batchInfer against the test server, back as seedPredictions.
 */
import { describe, expect, it } from 'vitest';
import { batchInfer, getModelMetadataWithShapes, infer, type ClientConfig } from '../../src/ovms.js';
import { seedInputs } from '../../src/protocols/kserve/seedInputs.js';
import { seedPredictions } from '../../src/protocols/kserve/seedPredictions.js';
import type { TestServer } from '../../src/testing/index.js';
import { inferHeaderOf, inferRequestsSince, useFileServer } from './e2eHelpers.js';

let server: TestServer;
let config: ClientConfig;

useFileServer((s, c) => {
  server = s;
  config = c;
});

/** What the facade's `infer(model, data)` will do: metadata → seedInputs → infer → seedPredictions. */
async function seedInfer(model: string, data: unknown): Promise<unknown[]> {
  const metadata = await getModelMetadataWithShapes(config, { model });
  return seedPredictions(await infer(config, { model, inputs: seedInputs(metadata, data) }));
}

/** The inputs of the last infer request sent since `mark`, as the server received them. */
function sentInputs(mark: number): { name: string; shape: number[]; datatype: string }[] {
  const sent = inferRequestsSince(server, mark);
  const header = inferHeaderOf(sent[sent.length - 1]!);
  return (header['inputs'] as { name: string; shape: number[]; datatype: string }[]).map(({ name, shape, datatype }) => ({ name, shape, datatype }));
}

const SEED_IMAGE = [
  [
    [0.1, 0.2, 0.3],
    [0.4, 0.5, 0.6],
  ],
  [
    [0.7, 0.8, 0.9],
    [1.0, 1.1, 1.2],
  ],
];

describe('the seed\'s "Basic Usage" and "Handling Complex Input Formats"', () => {
  it('1. [0, 1, 2, 3, 4] to bert: data [1,5] plus a mask of ones, one embedding row', async () => {
    const mark = server.requestCount;
    const predictions = await seedInfer('bert', [0, 1, 2, 3, 4]);
    expect(sentInputs(mark)).toEqual([
      { name: 'data', shape: [1, 5], datatype: 'INT64' },
      { name: 'mask', shape: [1, 5], datatype: 'INT64' },
    ]);
    const explicit = await infer(config, { model: 'bert', inputs: { data: [[0, 1, 2, 3, 4]], mask: [[1, 1, 1, 1, 1]] } });
    expect(predictions).toStrictEqual(seedPredictions(explicit));
    expect(predictions).toHaveLength(1);
    const row = predictions[0] as number[];
    expect(row).toHaveLength(16);
    expect(Math.hypot(...row)).toBeCloseTo(1, 5);
  });

  it('1. [0, 1, 2, 3, 4] to custom_model: the running sum', async () => {
    expect(await seedInfer('custom_model', [0, 1, 2, 3, 4])).toStrictEqual([[0, 1, 3, 6, 10]]);
  });

  it('2. { data, mask } to bert equals the array form with its mask of ones', async () => {
    const mark = server.requestCount;
    const predictions = await seedInfer('bert', { data: [0, 1, 2, 3], mask: [1, 1, 1, 1] });
    expect(sentInputs(mark)).toEqual([
      { name: 'data', shape: [1, 4], datatype: 'INT64' },
      { name: 'mask', shape: [1, 4], datatype: 'INT64' },
    ]);
    expect(predictions).toStrictEqual(await seedInfer('bert', [0, 1, 2, 3]));
    expect((predictions[0] as number[]).length).toBe(16);
  });

  it('3. the 2x2x3 image to resnet: shape [1,2,2,3], ten probabilities', async () => {
    const mark = server.requestCount;
    const predictions = await seedInfer('resnet', SEED_IMAGE);
    expect(sentInputs(mark)).toEqual([{ name: 'image', shape: [1, 2, 2, 3], datatype: 'FP32' }]);
    expect(predictions).toHaveLength(1);
    const probs = predictions[0] as number[];
    expect(probs).toHaveLength(10);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(predictions).toStrictEqual(seedPredictions(await infer(config, { model: 'resnet', inputs: { image: [SEED_IMAGE] } })));
  });

  it('4. { instances: [{ data, mask }] } to bert: one batch row, same answer as the object form', async () => {
    const mark = server.requestCount;
    const predictions = await seedInfer('bert', { instances: [{ data: [0, 1, 2, 3], mask: [1, 1, 1, 1] }] });
    expect(sentInputs(mark)).toEqual([
      { name: 'data', shape: [1, 4], datatype: 'INT64' },
      { name: 'mask', shape: [1, 4], datatype: 'INT64' },
    ]);
    expect(predictions).toStrictEqual(await seedInfer('bert', { data: [0, 1, 2, 3], mask: [1, 1, 1, 1] }));
  });

  it('4. the column form and the KServe form reach the same answer', async () => {
    const expected = await seedInfer('custom_model', [[1, 2, 3]]);
    expect(expected).toStrictEqual([[1, 3, 6]]);
    expect(await seedInfer('custom_model', { inputs: [[1, 2, 3]], signature_name: 'serving_default' })).toStrictEqual(expected);
    expect(await seedInfer('custom_model', { inputs: { input: [[1, 2, 3]] } })).toStrictEqual(expected);
    expect(await seedInfer('custom_model', { inputs: [{ name: 'input', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }] })).toStrictEqual(expected);
  });

  it('runBatchInference: the seed\'s three bert rows in one request, one result per row', async () => {
    const metadata = await getModelMetadataWithShapes(config, { model: 'bert' });
    const batchData = [
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ];
    const mark = server.requestCount;
    const results = await batchInfer(config, { model: 'bert', items: batchData.map((d) => seedInputs(metadata, d)) });
    expect(sentInputs(mark)).toEqual([
      { name: 'data', shape: [3, 4], datatype: 'INT64' },
      { name: 'mask', shape: [3, 4], datatype: 'INT64' },
    ]);
    expect(inferRequestsSince(server, mark)).toHaveLength(1);
    const predictions = results.map(seedPredictions);
    expect(predictions).toHaveLength(3);
    for (const [i, d] of batchData.entries()) expect(predictions[i]).toStrictEqual(await seedInfer('bert', d));
  });
});

describe('predictions of several outputs and of BYTES', () => {
  it('multi_io, outputs with different first dimensions: one object of whole values', async () => {
    const predictions = await seedInfer('multi_io', { a: [[1, 2]], b: [[3, 4]], flags: [[true, false]], text: ['x', 'yz'] });
    expect(predictions).toStrictEqual([{ active: [1n], lengths: [1, 2], masked: [[1, 0]], sum: [[4, 6]], upper: ['X', 'YZ'] }]);
  });

  it('multi_io, every output with the same first dimension: one object per row', async () => {
    const predictions = await seedInfer('multi_io', {
      a: [[1], [2]],
      b: [[10], [20]],
      flags: [[true], [false]],
      text: ['ab', 'c'],
    });
    expect(predictions).toStrictEqual([
      { active: 1n, lengths: 2, masked: [1], sum: [11], upper: 'AB' },
      { active: 0n, lengths: 1, masked: [0], sum: [22], upper: 'C' },
    ]);
  });

  it('a string to the string model (the chat fallback\'s input)', async () => {
    // The latest version (3) of `string` reverses each string.
    expect(await seedInfer('string', 'Hello world')).toStrictEqual(['dlrow olleH']);
  });

  it('an array to multi_io is rejected before sending', async () => {
    const metadata = await getModelMetadataWithShapes(config, { model: 'multi_io' });
    expect(() => seedInputs(metadata, [1, 2])).toThrow(/pass an object \{ name: data \} with a, b, flags, text/);
  });
});
