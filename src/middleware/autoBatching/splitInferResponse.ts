import { parseJsonBody } from '../../core/parseJsonBody.js';
import type { OvmsResponse } from '../../core/types.js';
import { decodeError } from '../../errors/OvmsError.js';
import { InferResponseSchema } from '../../protocols/kserve/kserveSchemas.js';
import { elementSize, isDatatype } from '../../tensors/datatypes.js';

/** What one caller's slice of an output is: raw binary bytes, or a slice of the JSON `data`. */
type Part = { readonly bytes: Uint8Array } | { readonly data: readonly unknown[] };

/**
 * Splits the response to a batched infer request into one response per caller, at the byte level,
 * so that each decodes (with `decodeInferResponse`, after the pipeline) exactly as if the server had
 * answered that caller alone: output shapes start with the caller's batch count, binary outputs stay
 * binary (bytes copied, never converted), JSON outputs keep their `data` elements, and `id` is the
 * caller's request id. The JSON header of a binary answer is padded with spaces to a multiple of 8
 * bytes, so that the caller's binary data starts aligned and is decoded without a copy.
 *
 * @param response - The batch's answer (2xx, body read whole).
 * @param counts - Each caller's batch count, in the order the inputs were joined.
 * @param ids - Each caller's request id (echoed as `id`).
 * @throws {OvmsError} `Decode` when the answer cannot be split: a malformed header, an output whose
 *   first dimension is not the total batch, binary data that does not divide into samples.
 */
export function splitInferResponse(response: OvmsResponse, counts: readonly number[], ids: readonly (string | undefined)[]): OvmsResponse[] {
  const body = response.body;
  const declared = response.headers.get('inference-header-content-length');
  let headerLength = body.byteLength;
  if (declared !== null) {
    headerLength = Number(declared);
    if (!/^\d+$/.test(declared.trim()) || headerLength > body.byteLength) {
      throw decodeError(`infer (auto-batched): inference-header-content-length ${JSON.stringify(declared)} does not fit a body of ${body.byteLength} bytes`);
    }
  }
  const json = parseJsonBody(body.subarray(0, headerLength), InferResponseSchema, 'infer (auto-batched)');
  const tail = body.subarray(headerLength);
  const total = counts.reduce((a, b) => a + b, 0);
  let offset = 0;
  // parts[output][caller]
  const parts = json.outputs.map((o): Part[] => {
    if (o.shape[0] !== total) {
      throw decodeError(`infer (auto-batched): output "${o.name}" has shape [${o.shape.join(', ')}], whose first dimension is not the batch of ${total}; it cannot be split per call`);
    }
    const perSample = o.shape.slice(1).reduce((p, d) => p * d, 1);
    const size = o.parameters?.['binary_data_size'];
    if (size !== undefined) {
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || offset + size > tail.byteLength) {
        throw decodeError(`infer (auto-batched): output "${o.name}" has a binary_data_size ${JSON.stringify(size)} that does not fit the body`);
      }
      const bytes = tail.subarray(offset, offset + size);
      offset += size;
      return o.datatype === 'BYTES' ? splitBytesElements(bytes, counts, perSample, o.name) : splitFixed(bytes, counts, perSample, o.datatype, o.name);
    }
    if (o.data === undefined) throw decodeError(`infer (auto-batched): output "${o.name}" has neither data nor binary_data_size`);
    const flat = o.data.some(Array.isArray) ? (o.data.flat(64) as unknown[]) : o.data;
    let start = 0;
    return counts.map((count) => {
      const data = flat.slice(start * perSample, (start + count) * perSample);
      start += count;
      return { data };
    });
  });
  const encoder = new TextEncoder();
  return counts.map((count, i) => {
    const binary: Uint8Array[] = [];
    const outputs = json.outputs.map((o, j) => {
      const part = (parts[j] as Part[])[i] as Part;
      const shape = [count, ...o.shape.slice(1)];
      if ('data' in part) {
        const { binary_data_size: _drop, ...parameters } = o.parameters ?? {};
        return { name: o.name, datatype: o.datatype, shape, ...(o.parameters === undefined ? {} : { parameters }), data: part.data };
      }
      binary.push(part.bytes);
      return { name: o.name, datatype: o.datatype, shape, parameters: { ...o.parameters, binary_data_size: part.bytes.byteLength } };
    });
    const id = ids[i] ?? json.id;
    const header = JSON.stringify({
      model_name: json.model_name,
      ...(json.model_version === undefined ? {} : { model_version: json.model_version }),
      ...(id === undefined ? {} : { id }),
      ...(json.parameters === undefined ? {} : { parameters: json.parameters }),
      outputs,
    });
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    if (binary.length === 0) {
      headers.delete('inference-header-content-length');
      return { status: response.status, headers, url: response.url, body: encoder.encode(header) };
    }
    const headerBytes = encoder.encode(header);
    // Spaces after the JSON are still valid JSON; they put the binary part on an 8-byte boundary.
    const padded = Math.ceil(headerBytes.byteLength / 8) * 8;
    let length = padded;
    for (const b of binary) length += b.byteLength;
    const out = new Uint8Array(length);
    out.set(headerBytes, 0);
    out.fill(0x20, headerBytes.byteLength, padded);
    let at = padded;
    for (const b of binary) {
      out.set(b, at);
      at += b.byteLength;
    }
    headers.set('inference-header-content-length', String(padded));
    return { status: response.status, headers, url: response.url, body: out };
  });
}

function splitFixed(bytes: Uint8Array, counts: readonly number[], perSample: number, datatype: string, name: string): Part[] {
  const size = isDatatype(datatype) ? elementSize(datatype) : undefined;
  const total = counts.reduce((a, b) => a + b, 0);
  if (size === undefined || bytes.byteLength !== total * perSample * size) {
    throw decodeError(`infer (auto-batched): output "${name}" has ${bytes.byteLength} bytes of binary data, which do not divide into ${total} samples of ${datatype}`);
  }
  let start = 0;
  return counts.map((count) => {
    const part = { bytes: bytes.subarray(start * perSample * size, (start + count) * perSample * size) };
    start += count;
    return part;
  });
}

// BYTES elements are length-prefixed: walk them to find where each caller's samples end.
function splitBytesElements(bytes: Uint8Array, counts: readonly number[], perSample: number, name: string): Part[] {
  let at = 0;
  return counts.map((count) => {
    const from = at;
    for (let e = 0; e < count * perSample; e++) {
      if (at + 4 > bytes.byteLength) throw decodeError(`infer (auto-batched): output "${name}": BYTES data ends before element ${e}`);
      const len = ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24)) >>> 0;
      at += 4 + len;
      if (at > bytes.byteLength) throw decodeError(`infer (auto-batched): output "${name}": a BYTES element runs past the end`);
    }
    return { bytes: bytes.subarray(from, at) };
  });
}
