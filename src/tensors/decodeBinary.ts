/**
 * Decoding of the little-endian bytes of a KServe binary tensor into JS data.
 */
import { decodeError } from '../errors/OvmsError.js';
import { decodeBfloat16 } from './bfloat16.js';
import { isLittleEndian, swapByteOrder } from './byteOrder.js';
import { checkShape } from './checkShape.js';
import { elementSize, type Datatype } from './datatypes.js';
import { decodeBytesElements } from './decodeBytesElements.js';
import { decodeFloat16 } from './float16.js';
import { typedArrayConstructor, type TypedArrayConstructorLike } from './typedArrayConstructor.js';
import type { DecodedData, DecodeOptions, TensorOutputData, TypedArray } from './types.js';

/**
 * The data of a binary tensor of `datatype` and `shape` held in `bytes` (little-endian,
 * row-major). Numeric datatypes give typed arrays that are views over `bytes.buffer` (zero copy)
 * when `bytes.byteOffset` is a multiple of the element size on a little-endian platform, and
 * copies otherwise; FP16/BF16 widen to Float32Array; BOOL gives booleans (any non-zero byte is
 * true); BYTES gives UTF-8 strings, or `subarray` views with `{ bytes: 'binary' }`.
 * Throws a `Decode` error when the byte length (BYTES: the element count) does not match the shape.
 *
 * @example
 * ```ts
 * decodeBinary('FP32', bytes, [2, 3]); // Float32Array(6)
 * ```
 */
export function decodeBinary<D extends Datatype>(
  datatype: D,
  bytes: Uint8Array,
  shape: readonly number[],
  options: DecodeOptions = {},
): DecodedData<D> {
  return decode(datatype, bytes, shape, options) as DecodedData<D>;
}

function decode(datatype: Datatype, bytes: Uint8Array, shape: readonly number[], options: DecodeOptions): TensorOutputData {
  const n = checkShape(shape);
  const what = options.name === undefined ? `${datatype} tensor` : `${datatype} tensor '${options.name}'`;
  if (datatype === 'BYTES') {
    let elements: Uint8Array[];
    try {
      elements = decodeBytesElements(bytes, n);
    } catch (e) {
      throw decodeError(`${what} of shape [${shape.join(', ')}]: ${(e as Error).message}`, e);
    }
    if (options.bytes === 'binary') return elements;
    // Non-fatal: a server's invalid UTF-8 becomes U+FFFD rather than losing the whole response.
    const decoder = new TextDecoder('utf-8', { fatal: false });
    return elements.map((e) => decoder.decode(e));
  }
  const size = elementSize(datatype) as number;
  const expected = n * size;
  if (bytes.byteLength !== expected) {
    throw decodeError(
      `${what} of shape [${shape.join(', ')}] needs ${expected} bytes (${n} × ${size}), got ${bytes.byteLength}`,
    );
  }
  switch (datatype) {
    case 'BOOL': {
      const out: boolean[] = new Array<boolean>(n);
      for (let i = 0; i < n; i += 1) out[i] = bytes[i] !== 0;
      return out;
    }
    case 'FP16':
      return decodeFloat16(nativeView(Uint16Array, bytes, n) as Uint16Array);
    case 'BF16':
      return decodeBfloat16(nativeView(Uint16Array, bytes, n) as Uint16Array);
    default:
      return nativeView(typedArrayConstructor(datatype), bytes, n) as TensorOutputData;
  }
}

// A typed array over `bytes`: shared memory when aligned on a little-endian platform; else a
// copy (with swapped bytes on a big-endian one), since typed arrays need aligned offsets.
function nativeView(Ctor: TypedArrayConstructorLike, bytes: Uint8Array, n: number): TypedArray {
  const size = Ctor.BYTES_PER_ELEMENT;
  const le = isLittleEndian();
  if (le && bytes.byteOffset % size === 0) return new Ctor(bytes.buffer, bytes.byteOffset, n);
  // Uint8Array.prototype.slice, not bytes.slice(): on a Node Buffer, slice() is a view into a
  // shared pool, and reading its .buffer from offset 0 would read someone else's bytes.
  const copy = Uint8Array.prototype.slice.call(bytes);
  if (!le) swapByteOrder(copy, size);
  return new Ctor(copy.buffer, 0, n);
}
