/**
 * Decoding of the KServe binary BYTES format.
 */
import { decodeError } from '../errors/OvmsError.js';

/**
 * The elements of a binary BYTES tensor (4-byte little-endian length + bytes, repeated), as
 * `subarray` views over `bytes` (no copy). Throws a `Decode` error when a length prefix or an
 * element runs past the end, or when `count` is given and the number of elements differs.
 */
export function decodeBytesElements(bytes: Uint8Array, count?: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const end = bytes.length;
  let o = 0;
  while (o < end) {
    if (end - o < 4) {
      throw decodeError(`BYTES element ${out.length}: length prefix truncated at byte ${o} of ${end}`);
    }
    // Assembled by hand: a DataView would need the underlying buffer and offset arithmetic.
    const len =
      ((bytes[o] as number) | ((bytes[o + 1] as number) << 8) | ((bytes[o + 2] as number) << 16) | ((bytes[o + 3] as number) << 24)) >>> 0;
    o += 4;
    if (len > end - o) {
      throw decodeError(`BYTES element ${out.length}: length ${len} at byte ${o - 4} runs past the end (${end - o} bytes left)`);
    }
    out.push(bytes.subarray(o, o + len));
    o += len;
  }
  if (count !== undefined && out.length !== count) {
    throw decodeError(`expected ${count} BYTES elements, found ${out.length} in ${end} bytes`);
  }
  return out;
}
