import v8 from 'node:v8';
import vm from 'node:vm';
import { createConfig } from '../../src/config/createConfig.js';
import type { OvmsResponse } from '../../src/core/types.js';
import { infer } from '../../src/ops/infer.js';
import { decodeInferResponse } from '../../src/protocols/kserve/decodeInferResponse.js';
import type { BenchContext } from '../lib/context.js';
import type { Row } from '../lib/report.js';

const SECTION = 'Output decoding (prob FP32 [1,1000] = 4,000 bytes, decoded 2,000 times, results kept alive)';

/** A binary infer answer whose tensor data starts at `offset` bytes into the buffer. */
function binaryAnswer(shift: number): OvmsResponse {
  const header = new TextEncoder().encode(JSON.stringify({ model_name: 'resnet50', model_version: '1', outputs: [{ name: 'prob', datatype: 'FP32', shape: [1, 1000], parameters: { binary_data_size: 4000 } }] }));
  // Pad the header so that the data lands at a multiple of 8 plus `shift`.
  const headerLength = Math.ceil(header.byteLength / 8) * 8 + shift;
  const body = new Uint8Array(headerLength + 4000).fill(0x20, 0, headerLength);
  body.set(header, 0);
  body.set(new Uint8Array(new Float32Array(1000).fill(0.001).buffer), headerLength);
  return { status: 200, url: 'http://bench.invalid', headers: new Headers({ 'inference-header-content-length': String(headerLength) }), body };
}

function jsonAnswer(): OvmsResponse {
  const body = new TextEncoder().encode(JSON.stringify({ model_name: 'resnet50', model_version: '1', outputs: [{ name: 'prob', datatype: 'FP32', shape: [1, 1000], data: Array.from({ length: 1000 }, (_, i) => i / 1000) }] }));
  return { status: 200, url: 'http://bench.invalid', headers: new Headers(), body };
}

/** Bytes of ArrayBuffers and of JS heap that stay allocated per decode (results kept), after a full GC. */
function allocatedPerDecode(response: OvmsResponse, n: number): { arrayBuffers: number; heap: number } {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const keep: unknown[] = [];
  for (let i = 0; i < 50; i++) decodeInferResponse(response);
  // Several full collections, so that garbage of earlier benchmarks does not land in the window.
  for (let i = 0; i < 4; i++) gc();
  const m0 = process.memoryUsage();
  for (let i = 0; i < n; i++) keep.push(decodeInferResponse(response));
  gc();
  const m1 = process.memoryUsage();
  if (keep.length !== n) throw new Error('unreachable');
  return { arrayBuffers: (m1.arrayBuffers - m0.arrayBuffers) / n, heap: (m1.heapUsed - m0.heapUsed) / n };
}

export async function outputDecoding(ctx: BenchContext): Promise<Row[]> {
  ctx.log('output decoding allocations');
  const n = 2000;
  // Each measured twice, the second kept: the first may still see an earlier suite's garbage.
  allocatedPerDecode(binaryAnswer(0), n);
  const aligned = allocatedPerDecode(binaryAnswer(0), n);
  const unaligned = allocatedPerDecode(binaryAnswer(2), n);
  const json = allocatedPerDecode(jsonAnswer(), n);
  // Real answers: how often does the tensor land at an aligned offset of the body as read from the socket?
  const real = { views: 0, total: 0 };
  for (const [label, url, transport] of [['canned', ctx.canned.url, 'ky'], ['canned', ctx.canned.url, 'fetch'], ['test server', ctx.ovms.url, 'fetch']] as const) {
    const config = createConfig({ baseUrl: url, model: 'resnet50', transport });
    const data = new Float32Array(3 * 224 * 224);
    for (let i = 0; i < 100; i++) {
      const out = (await infer(config, { inputs: { data } })).outputs[0]?.data as Float32Array;
      real.total++;
      if (out.buffer.byteLength > out.byteLength) real.views++;
    }
    void label;
  }
  const row = (name: string, a: { arrayBuffers: number; heap: number }, peerName: string, b: { arrayBuffers: number; heap: number }, note: string): Row => ({
    section: SECTION,
    name,
    ours: name,
    peer: peerName,
    // A few bytes either way are GC bookkeeping, not an allocation: shown as 0.
    oursValue: Math.max(0, a.arrayBuffers),
    peerValue: Math.max(0, b.arrayBuffers),
    unit: 'B/req',
    ratio: (Math.max(0, b.arrayBuffers) + b.heap) / Math.max(1, Math.max(0, a.arrayBuffers) + a.heap),
    note: `ArrayBuffer bytes shown; JS heap ${Math.round(a.heap)} vs ${Math.round(b.heap)} B/req; ratio = peer total / ours total (higher: ours allocates less); ${note}`,
  });
  return [
    row('binary, data at an aligned offset (view, no copy)', aligned, 'binary, unaligned offset (copied)', unaligned, 'the tensor is a Float32Array over the response body'),
    row('binary, data at an aligned offset (view, no copy)', aligned, 'JSON output', json, 'JSON: numbers parsed into a JS array, then copied into a Float32Array'),
    {
      section: SECTION,
      name: 'real answers (resnet50 over HTTP, 300 calls) decoded as a view',
      ours: 'views',
      peer: 'calls',
      oursValue: real.views,
      peerValue: real.total,
      unit: '',
      ratio: real.views / real.total,
      note: 'the rest were copied: the body as read leaves the tensor at an offset that is not a multiple of 4 (see the readBody proposal)',
    },
  ];
}
