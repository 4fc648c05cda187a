import { OvmsError } from '../errors/OvmsError.js';

/**
 * Reads a response body whole, refusing more than `maxBytes` (checked against `Content-Length`
 * first, then while reading, so a hostile server cannot make us buffer without bound).
 * Chunks are joined once; a single-chunk body is returned without a copy.
 *
 * @param alignAt - Where the binary part of the body starts (a KServe answer's JSON header
 *   length). When chunks must be joined anyway, the joined copy is placed so that this offset
 *   lands on an 8-byte boundary, so the tensors after it can be viewed in place instead of copied
 *   again (typed arrays need aligned offsets).
 */
export async function readBody(response: Response, maxBytes: number, alignAt?: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(declared, maxBytes);
  }
  const stream = response.body;
  if (stream === null) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(total, maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const pad = alignAt === undefined || !Number.isSafeInteger(alignAt) || alignAt < 0 ? 0 : (8 - (alignAt % 8)) % 8;
  const out = new Uint8Array(pad + total).subarray(pad);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(size: number, max: number): OvmsError {
  return new OvmsError({ _tag: 'Decode' }, `Response body of at least ${size} bytes exceeds maxResponseBytes (${max})`, { code: 'ERR_RESPONSE_TOO_LARGE' });
}
