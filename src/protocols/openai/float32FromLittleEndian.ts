import { decodeError } from '../../errors/OvmsError.js';
import { isLittleEndian, swapByteOrder } from '../../tensors/byteOrder.js';

/**
 * Little-endian float32 bytes as a `Float32Array`: a view over `bytes` when its offset is 4-byte
 * aligned on a little-endian platform, else a copy (a `Float32Array` cannot start at an odd offset,
 * and a big-endian platform needs the bytes swapped).
 *
 * @param bytes - A whole number of float32 values.
 * @returns The values.
 * @throws {OvmsError} `Decode` when the length is not a multiple of 4.
 */
export function float32FromLittleEndian(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw decodeError(`expected float32 data (a multiple of 4 bytes), got ${bytes.byteLength} bytes`);
  const littleEndian = isLittleEndian();
  const own = bytes.byteOffset % 4 === 0 && littleEndian ? bytes : bytes.slice();
  if (!littleEndian) swapByteOrder(own, 4);
  return new Float32Array(own.buffer, own.byteOffset, own.byteLength / 4);
}
