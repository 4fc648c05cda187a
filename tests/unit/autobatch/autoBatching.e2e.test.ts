/**
 * Auto-batching end to end, against the OVMS-compatible test server on 127.0.0.1: counts the HTTP
 * requests the server received and checks every caller's result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import { withAutoBatching } from '../../../src/middleware/withAutoBatching.js';
import { infer } from '../../../src/ops/infer.js';
import { startTestServer, type TestServer } from '../../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
});

// In float32, as the server sums.
const runningSum = (xs: Float32Array): number[] => {
  let s = 0;
  return Array.from(xs, (x) => (s = Math.fround(s + x)));
};

describe('withAutoBatching against the test server', () => {
  it('64 concurrent calls of custom_model ([-1,-1]) travel as 4 requests of 16, and each gets its own running sums', async () => {
    const batcher = withAutoBatching({ maxBatchSize: 16, maxDelayMs: 50, models: ['custom_model'] });
    const config = createConfig({ baseUrl: server.url, model: 'custom_model', middleware: [batcher], retry: false });
    await infer(config, { inputs: { input: new Float32Array(5) } }); // loads the metadata
    const before = server.requestCount;
    const rows = Array.from({ length: 64 }, (_, k) => Float32Array.from({ length: 5 }, (_, i) => k + i / 10));
    const results = await Promise.all(rows.map((input, k) => infer(config, { inputs: { input } }, { requestId: `call-${k}` })));
    expect(server.requestCount - before).toBe(4);
    results.forEach((result, k) => {
      expect(result.id).toBe(`call-${k}`);
      expect(result.outputs[0]?.shape).toEqual([1, 5]);
      expect(Array.from(result.outputs[0]?.data as Float32Array)).toEqual(runningSum(rows[k] as Float32Array));
    });
  });

  it('a server error reaches every caller of the batch', async () => {
    const batcher = withAutoBatching({ maxBatchSize: 16, maxDelayMs: 20, models: ['custom_model'] });
    const config = createConfig({ baseUrl: server.url, model: 'custom_model', middleware: [batcher], retry: false });
    await infer(config, { inputs: { input: new Float32Array(5) } });
    const before = server.requestCount;
    const fault = { 'x-ovms-test-fault': JSON.stringify({ status: 503, message: 'overloaded' }) };
    const settled = await Promise.allSettled([0, 1, 2].map(() => infer(config, { inputs: { input: new Float32Array(5) } }, { headers: fault })));
    expect(server.requestCount - before).toBe(1);
    for (const s of settled) expect(s).toMatchObject({ status: 'rejected', reason: { status: 503 } });
  });
});
