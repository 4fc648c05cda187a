/**
 * Platform byte-order helpers. The wire format is little-endian; every realistic JS platform is
 * too, but a big-endian one must still get correct bytes, so views are only shared when safe.
 */
import type { TypedArray } from './types.js';

/** True when the platform stores multi-byte typed-array elements little-endian. */
export function isLittleEndian(): boolean {
  return LITTLE_ENDIAN;
}

// A constant of the platform, derived once (pure, so bundlers may drop it when unused). Checking per
// call allocated two typed arrays each time: about 1 µs, twice per inference (encode and decode).
const LITTLE_ENDIAN: boolean = /*#__PURE__*/ detectLittleEndian();

function detectLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

/** Reverses the byte order of every `size`-byte element of `bytes`, in place. */
export function swapByteOrder(bytes: Uint8Array, size: number): void {
  if (size <= 1) return;
  const end = bytes.length - (bytes.length % size);
  for (let i = 0; i < end; i += size) {
    for (let a = i, b = i + size - 1; a < b; a += 1, b -= 1) {
      const t = bytes[a] as number;
      bytes[a] = bytes[b] as number;
      bytes[b] = t;
    }
  }
}

/**
 * The little-endian bytes of `arr`: a view over its own memory on little-endian platforms
 * (zero copy, so later writes to `arr` show through), a swapped copy otherwise.
 */
export function littleEndianBytes(arr: TypedArray, littleEndian: boolean = isLittleEndian()): Uint8Array {
  const view = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
  if (littleEndian || arr.BYTES_PER_ELEMENT === 1) return view;
  const copy = view.slice();
  swapByteOrder(copy, arr.BYTES_PER_ELEMENT);
  return copy;
}
