import type { Transport, WireRequest } from '../../../src/core/types.js';

/** What the fake server saw: one entry per HTTP request. */
export interface FakeCall {
  readonly url: string;
  readonly inputs: readonly { name: string; shape: number[]; values: number[] }[];
}

/**
 * A fake KServe server as a transport: every FP32 input `x` comes back as output `x_out` = x + 1
 * (same shape), binary when the request asked for binary outputs, JSON otherwise. Metadata
 * requests answer a model `m` with input `x` FP32 [-1, -1].
 */
export function fakeKserve(options: { readonly delayMs?: number; readonly status?: number } = {}): Transport & { readonly calls: FakeCall[] } {
  const calls: FakeCall[] = [];
  const transport = async (request: WireRequest): Promise<Response> => {
    if (request.method === 'GET') {
      const name = decodeURIComponent(request.url.split('/v2/models/')[1]?.split('/')[0] ?? '');
      return Response.json({ name, versions: ['1'], platform: 'OpenVINO', inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, -1] }], outputs: [{ name: 'x_out', datatype: 'FP32', shape: [-1, -1] }] });
    }
    const { header, tail } = split(request);
    let offset = 0;
    const inputs = (header.inputs as { name: string; shape: number[]; data?: number[]; parameters?: { binary_data_size?: number } }[]).map((i) => {
      let values: number[];
      if (i.data !== undefined) values = i.data;
      else {
        const size = i.parameters?.binary_data_size ?? 0;
        values = Array.from(new Float32Array(tail.slice(offset, offset + size).buffer));
        offset += size;
      }
      return { name: i.name, shape: i.shape, values };
    });
    calls.push({ url: request.url, inputs });
    if (options.delayMs !== undefined) await new Promise((r) => setTimeout(r, options.delayMs));
    if (options.status !== undefined) return Response.json({ error: 'Invalid input shape' }, { status: options.status });
    const wantsBinary = Array.isArray(header.outputs);
    const outputs = inputs.map((i) => ({ name: `${i.name}_out`, datatype: 'FP32', shape: i.shape, values: i.values.map((v) => v + 1) }));
    const id = header.id as string | undefined;
    if (!wantsBinary) {
      return Response.json({ model_name: 'm', model_version: '1', id, outputs: outputs.map(({ values, ...o }) => ({ ...o, data: values })) });
    }
    const json = new TextEncoder().encode(
      JSON.stringify({ model_name: 'm', model_version: '1', id, outputs: outputs.map(({ values, ...o }) => ({ ...o, parameters: { binary_data_size: values.length * 4 } })) }),
    );
    const parts = outputs.map((o) => new Uint8Array(new Float32Array(o.values).buffer));
    const body = new Uint8Array(json.byteLength + parts.reduce((n, p) => n + p.byteLength, 0));
    body.set(json, 0);
    let at = json.byteLength;
    for (const p of parts) {
      body.set(p, at);
      at += p.byteLength;
    }
    return new Response(body, { headers: { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(json.byteLength) } });
  };
  return Object.assign(transport, { calls });
}

function split(request: WireRequest): { header: Record<string, unknown>; tail: Uint8Array } {
  if (typeof request.body === 'string') return { header: JSON.parse(request.body) as Record<string, unknown>, tail: new Uint8Array(0) };
  const body = request.body ?? new Uint8Array(0);
  const n = Number(request.headers['Inference-Header-Content-Length'] ?? body.byteLength);
  return { header: JSON.parse(new TextDecoder().decode(body.subarray(0, n))) as Record<string, unknown>, tail: body.slice(n) };
}
