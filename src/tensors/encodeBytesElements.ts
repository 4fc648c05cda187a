/**
 * Encoding of BYTES elements into the KServe binary format.
 */
import { invalidInput } from '../errors/OvmsError.js';
import { describeValue } from './describeValue.js';
import { isUint8Array } from './isUint8Array.js';

/**
 * The KServe binary BYTES layout of `elements`: each is a 4-byte little-endian length followed
 * by its bytes; strings are UTF-8 encoded.
 *
 * @example
 * ```ts
 * encodeBytesElements(['Hello', '12']); // 05000000 48656c6c6f 02000000 3132
 * ```
 */
export function encodeBytesElements(elements: readonly (string | Uint8Array)[]): Uint8Array {
  // Created per call: a module-level encoder would be an import-time side effect.
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = new Array<Uint8Array>(elements.length);
  let total = 0;
  for (let i = 0; i < elements.length; i += 1) {
    // Typed as unknown: callers from plain JS may pass anything.
    const e: unknown = elements[i];
    let part: Uint8Array;
    if (typeof e === 'string') part = encoder.encode(e);
    else if (isUint8Array(e)) part = e;
    else throw invalidInput('data', `BYTES elements must be strings or Uint8Arrays; element ${i} is ${describeValue(e)}`);
    if (part.length > 0xffffffff) {
      throw invalidInput('data', `BYTES element ${i} is ${part.length} bytes, more than a 32-bit length prefix allows`);
    }
    parts[i] = part;
    total += 4 + part.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const part of parts) {
    const len = part.length;
    out[o] = len & 0xff;
    out[o + 1] = (len >>> 8) & 0xff;
    out[o + 2] = (len >>> 16) & 0xff;
    out[o + 3] = (len >>> 24) & 0xff;
    out.set(part, o + 4);
    o += 4 + len;
  }
  return out;
}
