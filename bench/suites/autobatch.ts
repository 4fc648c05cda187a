import { createConfig } from '../../src/config/createConfig.js';
import { withAutoBatching } from '../../src/middleware/withAutoBatching.js';
import { infer } from '../../src/ops/infer.js';
import { compare } from '../lib/compare.js';
import { throughputRow, type BenchContext } from '../lib/context.js';
import type { Row } from '../lib/report.js';

const SECTION = 'Auto-batching (test server, custom_model input FP32 [-1,-1], one [1,10] sample per call, concurrency 64)';

export async function autoBatching(ctx: BenchContext): Promise<Row[]> {
  const batcher = withAutoBatching({ maxBatchSize: 64, maxDelayMs: 2, models: ['custom_model'] });
  const batched = createConfig({ baseUrl: ctx.ovms.url, model: 'custom_model', middleware: [batcher] });
  const plain = createConfig({ baseUrl: ctx.ovms.url, model: 'custom_model' });
  const input = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const op = (config: typeof plain) => () => infer(config, { inputs: { input } });
  ctx.log('auto-batching throughput');
  const c = await compare({ label: 'withAutoBatching({ maxBatchSize: 64, maxDelayMs: 2 })', op: op(batched) }, { label: 'no batching', op: op(plain) }, { ...ctx.options, concurrency: 64 });
  const requestsFor = async (config: typeof plain): Promise<number> => {
    await ctx.ovms.reset();
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < 1000) {
          next++;
          await infer(config, { inputs: { input } });
        }
      }),
    );
    return (await ctx.ovms.stats()).requests;
  };
  const withRequests = await requestsFor(batched);
  const withoutRequests = await requestsFor(plain);
  return [
    throughputRow(SECTION, 'throughput', c),
    {
      section: SECTION,
      name: 'HTTP requests per 1,000 calls',
      ours: 'with auto-batching',
      peer: 'without',
      oursValue: withRequests,
      peerValue: withoutRequests,
      unit: 'req',
      ratio: withRequests / withoutRequests,
      note: 'counted by the server; lower is better',
    },
  ];
}
