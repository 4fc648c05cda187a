/**
 * End-to-end: batchInfer. Items of a model with a dynamic batch dimension travel as ONE request
 * and are split back; a model with a fixed batch of 1 (dummy) gets one request per item.
 */
import { describe, expect, it } from 'vitest';
import { batchInfer, infer, type ClientConfig } from '../../src/ovms.js';
import type { TestServer } from '../../src/testing/index.js';
import { inferHeaderOf, inferRequestsSince, rejectionOf, routesSince, useFileServer } from './e2eHelpers.js';

let server: TestServer;
let config: ClientConfig;

useFileServer((s, c) => {
  server = s;
  config = c;
});

const bertItems = [
  { data: [101, 2023, 2003, 102], mask: [1, 1, 1, 1] },
  { data: [101, 7592, 102, 0], mask: [1, 1, 1, 0] },
  { data: [101, 1, 2, 102], mask: [1, 1, 1, 1] },
];

describe('bert (dynamic batch): one request', () => {
  it.each([1, 2, 3])('version %i: exactly one infer request, results equal to per-item infer', async (version) => {
    const mark = server.requestCount;
    const results = await batchInfer(config, { model: 'bert', version, items: bertItems });
    const sent = inferRequestsSince(server, mark);
    expect(sent.map((r) => r.url)).toEqual([`/v2/models/bert/versions/${version}/infer`]);
    expect((inferHeaderOf(sent[0]!)['inputs'] as { name: string; shape: number[] }[]).map((i) => [i.name, i.shape])).toEqual([
      ['data', [3, 4]],
      ['mask', [3, 4]],
    ]);

    const single = await Promise.all(bertItems.map((inputs) => infer(config, { model: 'bert', version, inputs })));
    expect(results).toHaveLength(3);
    results.forEach((r, i) => {
      expect(r.modelName).toBe('bert');
      expect(r.modelVersion).toBe(String(version));
      expect(r.outputs).toStrictEqual(single[i]?.outputs);
      expect(r.outputs[0]?.shape).toEqual([1, 16]);
    });
    // The items really differ, so a mix-up in splitting would show.
    expect(new Set(results.map((r) => Array.from(r.outputs[0]?.data as Float32Array).join(','))).size).toBe(3);
  });

  it('items with different sequence lengths cannot be concatenated: one request per item, still correct', async () => {
    const items = [{ data: [1, 2, 3], mask: [1, 1, 1] }, { data: [4, 5], mask: [1, 1] }];
    const mark = server.requestCount;
    const results = await batchInfer(config, { model: 'bert', items }, { concurrency: 1 });
    expect(inferRequestsSince(server, mark)).toHaveLength(2);
    const single = await Promise.all(items.map((inputs) => infer(config, { model: 'bert', inputs })));
    expect(results.map((r) => r.outputs)).toStrictEqual(single.map((r) => r.outputs));
  });

  it("batching: 'split' sends one request per item even where one would do", async () => {
    const mark = server.requestCount;
    const results = await batchInfer(config, { model: 'bert', items: bertItems }, { batching: 'split' });
    expect(inferRequestsSince(server, mark)).toHaveLength(3);
    const one = await batchInfer(config, { model: 'bert', items: bertItems });
    expect(results.map((r) => r.outputs)).toStrictEqual(one.map((r) => r.outputs));
  });

  it('resnet: images batched into one request, one [1,10] row each', async () => {
    const img = (v: number): number[][][] => [[[v, 0, 0], [0, v, 0]], [[0, 0, v], [v, v, v]]];
    const items = [{ image: img(0.1) }, { image: img(0.5) }, { image: img(0.9) }, { image: img(0.2) }];
    const mark = server.requestCount;
    const results = await batchInfer(config, { model: 'resnet', items });
    expect(inferRequestsSince(server, mark)).toHaveLength(1);
    const single = await Promise.all(items.map((inputs) => infer(config, { model: 'resnet', inputs })));
    expect(results.map((r) => r.outputs)).toStrictEqual(single.map((r) => r.outputs));
  });
});

describe('dummy (fixed batch 1): split into N requests, in order', () => {
  const items = [0, 10, 20, 30, 40].map((base) => ({ b: new Float32Array(10).map((_, i) => base + i) }));

  it('five items → five infer requests, results in item order', async () => {
    const mark = server.requestCount;
    const results = await batchInfer(config, { model: 'dummy', items }, { concurrency: 1, requestId: 'batch' });
    expect(routesSince(server, mark)).toEqual(['GET /v2/models/dummy', ...items.map(() => 'POST /v2/models/dummy/infer')]);
    expect(results.map((r) => r.outputs[0]?.data)).toStrictEqual(items.map((it) => it.b.map((v) => v + 1)));
    // With concurrency 1 they went in order, each with its own request id.
    expect(inferRequestsSince(server, mark).map((r) => r.headers['x-request-id'])).toEqual(['batch-0', 'batch-1', 'batch-2', 'batch-3', 'batch-4']);
    expect(results.map((r) => r.id)).toEqual(['batch-0', 'batch-1', 'batch-2', 'batch-3', 'batch-4']);
  });

  it('with concurrency 4 the results keep item order even if the answers arrive out of order', async () => {
    const mark = server.requestCount;
    const results = await batchInfer(config, { model: 'dummy', items }, { concurrency: 4 });
    expect(inferRequestsSince(server, mark)).toHaveLength(5);
    expect(results.map((r) => (r.outputs[0]?.data as Float32Array)[0])).toEqual([1, 11, 21, 31, 41]);
  });

  it('a failing item rejects the call and names the item', async () => {
    const bad = [...items.slice(0, 2), { b: new Float32Array(9) }];
    const error = await rejectionOf(batchInfer(config, { model: 'dummy', items: bad }, { concurrency: 1 }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'inputs.b' });
    expect(error.message).toMatch(/^batchInfer item 2: inputs\.b: /);
  });

  it('no items → no request at all', async () => {
    const mark = server.requestCount;
    expect(await batchInfer(config, { model: 'dummy', items: [] })).toEqual([]);
    expect(server.requestCount).toBe(mark);
  });
});
