import { createConfig } from '../../src/config/createConfig.js';
import type { ClientConfigInput } from '../../src/config/ClientConfig.js';
import type { InferOptions } from '../../src/protocols/kserve/InferRequest.js';
import { infer } from '../../src/ops/infer.js';
import { compare } from '../lib/compare.js';
import { throughputRow, type BenchContext } from '../lib/context.js';
import type { Row } from '../lib/report.js';
import { capturingTransport, rawFetch, type Captured } from '../lib/wire.js';

const DUMMY_INPUT = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
const RESNET_INPUT = /*#__PURE__*/ (() => {
  const a = new Float32Array(3 * 224 * 224);
  for (let i = 0; i < a.length; i++) a[i] = ((i * 7919) % 1000) / 1000;
  return a;
})();

/** The wire request `infer` sends for these arguments, captured once (after metadata is cached). */
async function captureInfer(baseUrl: string, model: string, inputs: Record<string, Float32Array | number[]>, options: InferOptions = {}): Promise<Captured> {
  const sink: Captured[] = [];
  const config = createConfig({ baseUrl, model, transport: capturingTransport(sink), retry: false });
  await infer(config, { inputs }, options);
  const captured = sink.at(-1);
  if (captured === undefined) throw new Error('nothing captured');
  return captured;
}

function inferOp(config: ReturnType<typeof createConfig>, inputs: Record<string, Float32Array | number[]>, options: InferOptions = {}): () => Promise<unknown> {
  return () => infer(config, { inputs }, options);
}

export async function smallInference(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const baseUrl = ctx.canned.url;
  const config = createConfig({ baseUrl, model: 'dummy' });
  const captured = await captureInfer(baseUrl, 'dummy', { b: DUMMY_INPUT });
  for (const concurrency of [1, 64]) {
    ctx.log(`small inference, concurrency ${concurrency}`);
    const c = await compare({ label: 'infer (default pipeline, ky)', op: inferOp(config, { b: DUMMY_INPUT }) }, { label: 'raw fetch, same bytes', op: rawFetch(captured) }, { ...ctx.options, concurrency });
    rows.push(throughputRow('Small inference (canned server, dummy [1,10] FP32, binary in and out)', `concurrency ${concurrency}`, c));
  }
  // The same through the plain fetch transport: what ky costs.
  const viaFetch = createConfig({ baseUrl, model: 'dummy', transport: 'fetch' });
  for (const concurrency of [1, 64]) {
    ctx.log(`small inference, fetch transport, concurrency ${concurrency}`);
    const c = await compare({ label: 'infer (fetch transport)', op: inferOp(viaFetch, { b: DUMMY_INPUT }) }, { label: 'raw fetch, same bytes', op: rawFetch(captured) }, { ...ctx.options, concurrency });
    rows.push(throughputRow('Small inference (canned server, dummy [1,10] FP32, binary in and out)', `concurrency ${concurrency}, transport: 'fetch'`, c));
  }
  ctx.log('small inference, ky vs fetch transport');
  const t = await compare({ label: "transport 'ky'", op: inferOp(config, { b: DUMMY_INPUT }) }, { label: "transport 'fetch'", op: inferOp(viaFetch, { b: DUMMY_INPUT }) }, { ...ctx.options, concurrency: 1 });
  rows.push(throughputRow('Small inference (canned server, dummy [1,10] FP32, binary in and out)', 'ky vs fetch transport, concurrency 1', t));
  // JSON both ways: a plain array, binary off.
  const plain = Array.from(DUMMY_INPUT);
  const jsonOptions: InferOptions = { binary: 'never', binaryOutput: false };
  const capturedJson = await captureInfer(baseUrl, 'dummy', { b: plain }, jsonOptions);
  ctx.log('small inference, JSON');
  const j = await compare({ label: 'infer (JSON in and out)', op: inferOp(config, { b: plain }, jsonOptions) }, { label: 'raw fetch, same bytes', op: rawFetch(capturedJson) }, { ...ctx.options, concurrency: 1 });
  rows.push(throughputRow('Small inference (canned server, dummy [1,10] FP32, binary in and out)', 'JSON in and out, concurrency 1', j));
  return rows;
}

export async function largeTensor(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const section = 'Large tensor (resnet50, data FP32 [1,3,224,224] → prob [1,1000])';
  const json: InferOptions = { binary: 'never', binaryOutput: false };
  for (const [where, server] of [['test server', ctx.ovms], ['canned server', ctx.canned]] as const) {
    const config = createConfig({ baseUrl: server.url, model: 'resnet50' });
    const captured = await captureInfer(server.url, 'resnet50', { data: RESNET_INPUT });
    const binaryOp = inferOp(config, { data: RESNET_INPUT });
    if (where === 'test server') {
      ctx.log(`large tensor, binary vs JSON (${where})`);
      const c = await compare({ label: 'infer, binary', op: binaryOp }, { label: 'infer, JSON', op: inferOp(config, { data: RESNET_INPUT }, json) }, { ...ctx.options, concurrency: 1, minOps: 4 });
      rows.push(throughputRow(section, `binary vs JSON, ${where} (end to end), concurrency 1`, c));
    }
    ctx.log(`large tensor, binary vs raw fetch (${where})`);
    const r = await compare({ label: 'infer, binary', op: binaryOp }, { label: 'raw fetch, pre-built body', op: rawFetch(captured) }, { ...ctx.options, concurrency: 1, minOps: 4 });
    rows.push(throughputRow(section, `binary vs raw fetch, ${where}, concurrency 1`, r));
    const viaFetch = createConfig({ baseUrl: server.url, model: 'resnet50', transport: 'fetch' });
    const f = await compare({ label: "infer, binary, transport 'fetch'", op: inferOp(viaFetch, { data: RESNET_INPUT }) }, { label: 'raw fetch, pre-built body', op: rawFetch(captured) }, { ...ctx.options, concurrency: 1, minOps: 4 });
    rows.push(throughputRow(section, `binary vs raw fetch, ${where}, concurrency 1, transport: 'fetch'`, f));
  }
  return rows;
}

/**
 * A fetch bound to its own undici pool: the knob a caller uses to size the pool (`connections`,
 * `keepAliveTimeout`, …). Node ships undici without exporting `Agent`; the global dispatcher's
 * class is the same one (an application would `import { Agent } from 'undici'`).
 */
function pooledFetch(options: Record<string, unknown>): { fetch: typeof fetch; close: () => Promise<void> } {
  const global = (globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')] as { constructor: new (o: Record<string, unknown>) => { close(): Promise<void> } } | undefined;
  if (global === undefined) throw new Error('no undici global dispatcher (call fetch once first)');
  const agent = new global.constructor(options);
  const bound = ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, { ...init, dispatcher: agent } as RequestInit)) as typeof fetch;
  return { fetch: bound, close: () => agent.close() };
}

/** Connections the canned server accepted while 1,000 calls ran at a concurrency. */
export async function connectionReuse(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const section = 'Connection reuse (canned server, connections opened per 1,000 requests; lower is better)';
  const baseUrl = ctx.canned.url;
  const input: ClientConfigInput = { baseUrl, model: 'dummy' };
  const captured = await captureInfer(baseUrl, 'dummy', { b: DUMMY_INPUT });
  const count = 1000;
  const run = async (op: () => Promise<unknown>, concurrency: number): Promise<void> => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next++;
          await op();
        }
      }),
    );
  };
  const measure = async (op: () => Promise<unknown>, concurrency: number): Promise<number> => {
    await ctx.canned.reset();
    await run(op, concurrency);
    return (await ctx.canned.stats()).connections;
  };
  for (const concurrency of [1, 64]) {
    // Warm: the process-wide pool already holds connections from a previous run of the same load.
    const ourOp = inferOp(createConfig(input), { b: DUMMY_INPUT });
    await run(ourOp, concurrency);
    const ours = await measure(ourOp, concurrency);
    await run(rawFetch(captured), concurrency);
    const raw = await measure(rawFetch(captured), concurrency);
    rows.push({ section, name: `concurrency ${concurrency}, warm pool (global dispatcher)`, ours: 'infer (default)', peer: 'raw fetch', oursValue: ours, peerValue: raw, unit: 'conn', ratio: raw === 0 ? (ours === 0 ? 1 : Number.POSITIVE_INFINITY) : ours / raw, note: '0 = every request reused a kept-alive connection' });
    // Cold: a fresh pool per side, passed in through the config's `fetch` option.
    const a = pooledFetch({});
    const b = pooledFetch({});
    const coldOurs = await measure(inferOp(createConfig({ ...input, fetch: a.fetch }), { b: DUMMY_INPUT }), concurrency);
    const coldRaw = await measure(async () => (await b.fetch(captured.url, { method: 'POST', headers: captured.headers, body: captured.body as BodyInit })).arrayBuffer(), concurrency);
    await Promise.all([a.close(), b.close()]);
    rows.push({ section, name: `concurrency ${concurrency}, fresh pool`, ours: 'infer, own fetch', peer: 'raw fetch, own pool', oursValue: coldOurs, peerValue: coldRaw, unit: 'conn', ratio: coldRaw === 0 ? 1 : coldOurs / coldRaw, note: 'a new pool opens one connection per concurrent request, then reuses them' });
  }
  // The knob: a pool capped at 8 connections serves concurrency 64 over 8 sockets.
  const capped = pooledFetch({ connections: 8 });
  const cappedCount = await measure(inferOp(createConfig({ ...input, fetch: capped.fetch }), { b: DUMMY_INPUT }), 64);
  await capped.close();
  rows.push({ section, name: 'concurrency 64, pool capped at 8 connections', ours: 'infer, fetch bound to Agent({ connections: 8 })', peer: '(cap)', oursValue: cappedCount, peerValue: 8, unit: 'conn', ratio: cappedCount / 8, note: "createConfig({ fetch: (url, init) => fetch(url, { ...init, dispatcher: new Agent({ connections: 8 }) }) })" });
  return rows;
}
