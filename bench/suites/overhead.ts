import { createConfig } from '../../src/config/createConfig.js';
import type { ClientConfigInput } from '../../src/config/ClientConfig.js';
import type { Middleware } from '../../src/core/types.js';
import { infer } from '../../src/ops/infer.js';
import { compare, type Comparison } from '../lib/compare.js';
import type { BenchContext } from '../lib/context.js';
import type { Row } from '../lib/report.js';

const SECTION = 'Client overhead per request, no network (an in-process fetch answers at once; dummy, binary)';

/** The canned dummy answers, built like the canned server's. */
function cannedDummy(): { metadata: string; body: Uint8Array; headerLength: number } {
  const metadata = JSON.stringify({ name: 'dummy', versions: ['1'], platform: 'OpenVINO', inputs: [{ name: 'b', datatype: 'FP32', shape: [1, 10] }], outputs: [{ name: 'a', datatype: 'FP32', shape: [1, 10] }] });
  const header = new TextEncoder().encode(JSON.stringify({ model_name: 'dummy', model_version: '1', outputs: [{ name: 'a', datatype: 'FP32', shape: [1, 10], parameters: { binary_data_size: 40 } }] }));
  const body = new Uint8Array(header.byteLength + 40);
  body.set(header, 0);
  body.set(new Uint8Array(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).buffer), header.byteLength);
  return { metadata, body, headerLength: header.byteLength };
}

/** A fetch that answers every request at once, after draining its body like a server would. */
function instantFetch(): typeof fetch {
  const { metadata, body, headerLength } = cannedDummy();
  const binaryHeaders = { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(headerLength), 'content-length': String(body.byteLength) };
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (input instanceof Request) await input.arrayBuffer();
    if (method === 'GET') return new Response(metadata, { headers: { 'content-type': 'application/json' } });
    return new Response(body as BodyInit, { headers: binaryHeaders });
  }) as typeof fetch;
}

const input = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

function row(name: string, c: Comparison, note?: string): Row {
  return {
    section: SECTION,
    name,
    ours: c.a.label,
    peer: c.b.label,
    oursValue: c.a.cpuUsPerOp,
    peerValue: c.b.cpuUsPerOp,
    unit: 'CPU µs/req',
    // CPU time, not wall time: on a shared machine it does not count the time other processes hold the core.
    ratio: c.cpuRatio,
    range: c.cpuRatioRange,
    note: [`ratio = peer CPU / ours (throughput-like: 1 = same cost); wall-clock ratio ${c.ratio.toFixed(2)}; ${c.rounds}×${c.opsPerRound} ops/side`, note].filter(Boolean).join('; '),
  };
}

export async function clientOverhead(ctx: BenchContext): Promise<Row[]> {
  const fetchImpl = instantFetch();
  const base: ClientConfigInput = { baseUrl: 'http://bench.invalid', model: 'dummy', fetch: fetchImpl };
  const ky = createConfig(base);
  const plain = createConfig({ ...base, transport: 'fetch' });
  const noop: Middleware = (next) => (request) => next(request);
  const tenMiddleware = createConfig({ ...base, transport: 'fetch', middleware: Array.from({ length: 10 }, () => noop) });
  const { body, headerLength } = cannedDummy();
  const raw = async (): Promise<unknown> => {
    const response = await fetchImpl('http://bench.invalid/v2/models/dummy/infer', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'Inference-Header-Content-Length': String(headerLength) }, body: body as BodyInit });
    return response.arrayBuffer();
  };
  const opts = { ...ctx.options, concurrency: 1, roundMs: Math.min(ctx.options.roundMs, 100) };
  const rows: Row[] = [];
  ctx.log('client overhead: ky pipeline vs raw');
  rows.push(row("infer, transport 'ky' vs the fetch call alone", await compare({ label: "infer ('ky')", op: () => infer(ky, { inputs: { b: input } }) }, { label: 'fetch + arrayBuffer', op: raw }, opts)));
  ctx.log('client overhead: fetch pipeline vs raw');
  rows.push(row("infer, transport 'fetch' vs the fetch call alone", await compare({ label: "infer ('fetch')", op: () => infer(plain, { inputs: { b: input } }) }, { label: 'fetch + arrayBuffer', op: raw }, opts)));
  ctx.log('client overhead: 10 no-op middleware');
  rows.push(
    row(
      'per-middleware cost: 10 extra no-op middleware vs none',
      await compare({ label: '+10 middleware', op: () => infer(tenMiddleware, { inputs: { b: input } }) }, { label: 'default chain', op: () => infer(plain, { inputs: { b: input } }) }, opts),
    ),
  );
  return rows;
}

/** The encoder before and after its optimization, alternating in the same run (CPU µs per call). */
export async function encoderBeforeAfter(ctx: BenchContext): Promise<Row[]> {
  const { encodeInferRequest } = await import('../../src/protocols/kserve/encodeInferRequest.js');
  const { encodeInferRequestBefore } = await import('../reference/encodeInferRequestBefore.js');
  const { prepareInputs } = await import('../../src/protocols/kserve/prepareInputs.js');
  const rows: Row[] = [];
  for (const [name, shape, count] of [['dummy [1,10]', [1, 10], 10], ['resnet50 [1,3,224,224]', [1, 3, 224, 224], 150528]] as const) {
    const metadata = { name: 'm', versions: ['1'], platform: 'OpenVINO', inputs: [{ name: 'x', datatype: 'FP32', shape: [...shape] }], outputs: [{ name: 'y', datatype: 'FP32', shape: [1, 10] }] };
    const request = {
      operation: 'infer', idempotent: true, baseUrl: 'http://bench.invalid', model: 'm', requestId: '0b4c3f9e-4a1b-4c1e-9d0e-2f5c8a7b6d11', timeout: 1000, retry: false as const, attempt: 1, headers: {}, responseType: 'bytes' as const, context: {}, encode: encodeInferRequest,
      payload: { kind: 'kserve.infer' as const, inputs: prepareInputs({ x: new Float32Array(count) }, metadata), binary: 'auto' as const, binaryOutput: 'y' },
    };
    const batch = count > 1000 ? 20 : 2000;
    const repeat = (f: () => unknown) => async () => {
      for (let i = 0; i < batch; i++) f();
    };
    ctx.log(`encoder before/after, ${name}`);
    const c = await compare({ label: 'encodeInferRequest (now)', op: repeat(() => encodeInferRequest(request)) }, { label: 'before issue 6', op: repeat(() => encodeInferRequestBefore(request)) }, { ...ctx.options, concurrency: 1, roundMs: 60, minOps: 3 });
    rows.push({
      section: 'Optimizations, before vs after in the same run (CPU µs per call)',
      name: `encodeInferRequest, ${name}: one pre-sized buffer, header encoded into it`,
      ours: 'after',
      peer: 'before',
      oursValue: c.a.cpuUsPerOp / batch,
      peerValue: c.b.cpuUsPerOp / batch,
      unit: 'µs',
      ratio: c.cpuRatio,
      range: c.cpuRatioRange,
      note: 'ratio = before CPU / after CPU (above 1: faster now)',
    });
  }
  return rows;
}
