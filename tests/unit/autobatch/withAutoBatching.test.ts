import { describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import { isOvmsErrorReason, OvmsError } from '../../../src/errors/OvmsError.js';
import { withAutoBatching } from '../../../src/middleware/withAutoBatching.js';
import { infer } from '../../../src/ops/infer.js';
import { batchInfer } from '../../../src/ops/batchInfer.js';
import { fakeKserve } from './fakeKserve.js';

function setup(options: Parameters<typeof withAutoBatching>[0] = { maxBatchSize: 8, maxDelayMs: 5, models: ['m'] }, server = fakeKserve()) {
  const batcher = withAutoBatching(options);
  const config = createConfig({ baseUrl: 'http://ovms.test', model: 'm', transport: server, retry: false, middleware: [batcher] });
  return { batcher, config, server };
}

const row = (k: number): Float32Array => Float32Array.from({ length: 4 }, (_, i) => k * 10 + i);
const inferCalls = (server: ReturnType<typeof fakeKserve>) => server.calls.filter((c) => c.url.endsWith('/infer'));

async function rejection(promise: Promise<unknown>): Promise<OvmsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OvmsError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('withAutoBatching', () => {
  it('sends concurrent calls as one request and gives each caller its own rows, shape and id', async () => {
    const { config, server, batcher } = setup();
    const results = await Promise.all([0, 1, 2, 3].map((k) => infer(config, { inputs: { x: row(k) } }, { requestId: `r${k}` })));
    expect(inferCalls(server)).toHaveLength(1);
    expect(inferCalls(server)[0]?.inputs[0]).toMatchObject({ name: 'x', shape: [4, 4] });
    results.forEach((result, k) => {
      expect(result.id).toBe(`r${k}`);
      expect(result.outputs).toEqual([{ name: 'x_out', datatype: 'FP32', shape: [1, 4], data: Float32Array.from(row(k), (v) => v + 1) }]);
    });
    expect(batcher.stats()).toEqual({ calls: 4, requests: 1, waiting: 0 });
  });

  it('decodes each caller\'s binary slice without a copy (the header is padded to an aligned offset)', async () => {
    const { config } = setup();
    const [a, b] = await Promise.all([infer(config, { inputs: { x: row(1) } }), infer(config, { inputs: { x: row(2) } })]);
    for (const r of [a, b]) {
      const data = r?.outputs[0]?.data as Float32Array;
      expect(data.byteOffset % 8).toBe(0);
      expect(data.buffer.byteLength).toBeGreaterThan(data.byteLength); // a view over the response body, not a copy
    }
  });

  it('sends a full batch at once and starts a new one: 5 calls with maxBatchSize 2 make 3 requests', async () => {
    const { config, server } = setup({ maxBatchSize: 2, maxDelayMs: 1000, models: ['m'] });
    const started = Date.now();
    const results = await Promise.all([0, 1, 2, 3].map((k) => infer(config, { inputs: { x: row(k) } })));
    expect(Date.now() - started).toBeLessThan(900); // full batches did not wait for maxDelayMs
    expect(inferCalls(server).map((c) => c.inputs[0]?.shape[0])).toEqual([2, 2]);
    expect(results.map((r) => (r.outputs[0]?.data as Float32Array)[0])).toEqual([1, 11, 21, 31]);
    const { server: s2, config: c2 } = setup({ maxBatchSize: 2, maxDelayMs: 1, models: ['m'] });
    await Promise.all([0, 1, 2, 3, 4].map((k) => infer(c2, { inputs: { x: row(k) } })));
    expect(inferCalls(s2).map((c) => c.inputs[0]?.shape[0])).toEqual([2, 2, 1]);
  });

  it('joins a call that already has several rows, and keeps its rows together', async () => {
    const { config, server } = setup();
    const two = new Float32Array([...row(5), ...row(6)]);
    const [a, b] = await Promise.all([infer(config, { inputs: [{ name: 'x', data: two, shape: [2, 4] }] }), infer(config, { inputs: { x: row(7) } })]);
    expect(inferCalls(server)).toHaveLength(1);
    expect(a?.outputs[0]).toMatchObject({ shape: [2, 4] });
    expect(Array.from(a?.outputs[0]?.data as Float32Array)).toEqual(Array.from(two, (v) => v + 1));
    expect(Array.from(b?.outputs[0]?.data as Float32Array)).toEqual(Array.from(row(7), (v) => v + 1));
  });

  it('does not mix models, per-sample shapes or modes, and leaves unlisted models and batchInfer alone', async () => {
    const { config, server } = setup({ maxBatchSize: 8, maxDelayMs: 5, models: ['m', 'n'] });
    await Promise.all([
      infer(config, { inputs: { x: row(0) } }),
      infer(config, { inputs: { x: row(1) } }),
      infer(config, { model: 'n', inputs: { x: row(2) } }),
      infer(config, { inputs: { x: new Float32Array(6) } }),
      infer(config, { inputs: { x: row(3) } }, { binaryOutput: false }),
      infer(config, { model: 'other', inputs: { x: row(4) } }),
      batchInfer(config, { items: [{ x: row(5) }, { x: row(6) }] }),
    ]);
    const shapes = inferCalls(server).map((c) => `${c.url.split('/models/')[1]} ${c.inputs[0]?.shape.join('x')}`).sort();
    expect(shapes).toEqual(['m/infer 1x4', 'm/infer 1x6', 'm/infer 2x4', 'm/infer 2x4', 'n/infer 1x4', 'other/infer 1x4']);
  });

  it('splits JSON outputs too', async () => {
    const { config, server } = setup();
    const [a, b] = await Promise.all([0, 1].map((k) => infer(config, { inputs: { x: row(k) } }, { binaryOutput: false })));
    expect(inferCalls(server)).toHaveLength(1);
    expect(a?.outputs[0]).toEqual({ name: 'x_out', datatype: 'FP32', shape: [1, 4], data: new Float32Array([1, 2, 3, 4]) });
    expect(b?.outputs[0]?.data).toEqual(new Float32Array([11, 12, 13, 14]));
  });

  it('gives every caller of a failed batch the error', async () => {
    const { config, server } = setup(undefined, fakeKserve({ status: 400 }));
    const errors = await Promise.all([0, 1, 2].map((k) => rejection(infer(config, { inputs: { x: row(k) } }))));
    expect(inferCalls(server)).toHaveLength(1);
    for (const e of errors) {
      expect(isOvmsErrorReason(e, 'Status')).toBe(true);
      expect(e.status).toBe(400);
    }
  });

  it('a caller aborting before the batch is sent leaves it; the others get their answers', async () => {
    const { config, server } = setup({ maxBatchSize: 8, maxDelayMs: 20, models: ['m'] });
    const controller = new AbortController();
    const calls = [0, 1, 2].map((k) => infer(config, { inputs: { x: row(k) } }, k === 1 ? { signal: controller.signal } : {}));
    setTimeout(() => controller.abort(), 2);
    const [a, aborted, c] = await Promise.allSettled(calls);
    expect(aborted).toMatchObject({ status: 'rejected', reason: { reason: { _tag: 'Aborted' } } });
    expect(a).toMatchObject({ status: 'fulfilled' });
    expect(c).toMatchObject({ status: 'fulfilled' });
    expect((c as PromiseFulfilledResult<Awaited<ReturnType<typeof infer>>>).value.outputs[0]?.data).toEqual(Float32Array.from(row(2), (v) => v + 1));
    expect(inferCalls(server).map((x) => x.inputs[0]?.shape[0])).toEqual([2]);
  });

  it('a caller aborting while the batch is in flight rejects at once; the others still get their answers', async () => {
    const { config, server } = setup({ maxBatchSize: 8, maxDelayMs: 1, models: ['m'] }, fakeKserve({ delayMs: 40 }));
    await infer(config, { inputs: { x: row(9) } }); // metadata cached
    const controller = new AbortController();
    const calls = [0, 1, 2].map((k) => infer(config, { inputs: { x: row(k) } }, k === 0 ? { signal: controller.signal } : {}));
    setTimeout(() => controller.abort(), 15);
    const [aborted, b, c] = await Promise.allSettled(calls);
    expect(aborted).toMatchObject({ status: 'rejected', reason: { reason: { _tag: 'Aborted' } } });
    expect((b as PromiseFulfilledResult<Awaited<ReturnType<typeof infer>>>).value.outputs[0]?.data).toEqual(Float32Array.from(row(1), (v) => v + 1));
    expect(c).toMatchObject({ status: 'fulfilled' });
    expect(inferCalls(server).map((x) => x.inputs[0]?.shape[0])).toEqual([1, 3]);
  });

  it('rejects bad options with InvalidInput', () => {
    expect(() => withAutoBatching({ maxBatchSize: 0, maxDelayMs: 1, models: [] })).toThrow(/maxBatchSize/);
    expect(() => withAutoBatching({ maxBatchSize: 2, maxDelayMs: -1, models: [] })).toThrow(/maxDelayMs/);
    expect(() => withAutoBatching({ maxBatchSize: 2, maxDelayMs: 1, models: 'm' as never })).toThrow(/models/);
  });

  it('takes a predicate for the models', async () => {
    const { config, server } = setup({ maxBatchSize: 8, maxDelayMs: 5, models: (model, version) => model === 'm' && version === undefined });
    await Promise.all([0, 1].map((k) => infer(config, { inputs: { x: row(k) } })));
    await Promise.all([0, 1].map((k) => infer(config, { version: 1, inputs: { x: row(k) } })));
    expect(inferCalls(server).map((x) => `${x.url.split('/models/')[1]} ${x.inputs[0]?.shape[0]}`)).toEqual(['m/infer 2', 'm/versions/1/infer 1', 'm/versions/1/infer 1']);
  });
});
