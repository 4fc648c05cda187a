/**
 * Encoding of caller data into the little-endian bytes of a KServe binary tensor.
 */
import { invalidInput } from '../errors/OvmsError.js';
import { encodeBfloat16 } from './bfloat16.js';
import { isLittleEndian, littleEndianBytes } from './byteOrder.js';
import { coerceBigInt, coerceBool, coerceFloat, coerceInteger } from './coerceElement.js';
import type { Datatype } from './datatypes.js';
import { describeValue } from './describeValue.js';
import { encodeBytesElements } from './encodeBytesElements.js';
import { encodeFloat16 } from './float16.js';
import { flatten } from './flatten.js';
import { isTypedArray } from './isTypedArray.js';
import { isUint8Array } from './isUint8Array.js';
import { isNativeDatatype, typedArrayConstructor } from './typedArrayConstructor.js';
import { typedArrayDatatype } from './typedArrayDatatype.js';
import type { TensorInputData } from './types.js';

/**
 * The bytes of `values` as a binary tensor of `datatype` (little-endian, row-major, no padding;
 * BYTES as length-prefixed elements). Nested arrays are flattened row-major.
 *
 * When `values` is already a typed array of exactly `datatype` (e.g. a Float32Array for FP32, or
 * a Uint8Array of 0/1 for BOOL) on a little-endian platform, the result is a view over the same
 * memory (zero copy; byteOffset respected), so writes to `values` after encoding show through.
 * Otherwise values are converted and validated: integer datatypes need integral numbers (or
 * bigints) in range, INT64/UINT64 take bigints or safe-integer numbers, BOOL takes booleans or
 * 0/1, BYTES takes strings (sent as UTF-8) or Uint8Array elements. Invalid data throws an
 * `InvalidInput` error whose field is `name`, naming the first bad element's flat index and value.
 *
 * @example
 * ```ts
 * encodeBinary('FP16', [1, 2], 'x'); // Uint8Array [0x00, 0x3c, 0x00, 0x40]
 * ```
 */
export function encodeBinary(datatype: Datatype, values: TensorInputData | readonly unknown[], name: string): Uint8Array {
  if (datatype === 'BYTES') return encodeBytesElements(bytesElements(values, name));
  if (isTypedArray(values)) {
    const source = typedArrayDatatype(values);
    const le = isLittleEndian();
    if (source === datatype && isNativeDatatype(datatype)) return littleEndianBytes(values, le);
    if (datatype === 'BOOL' && isUint8Array(values)) {
      // A Uint8Array of 0/1 already is the BOOL layout: validate, then share its memory.
      for (let i = 0; i < values.length; i += 1) coerceBool(values[i], i, name);
      return new Uint8Array(values.buffer, values.byteOffset, values.length);
    }
    return encodeElements(datatype, values, name, le);
  }
  if (!Array.isArray(values)) {
    throw invalidInput(name, `${datatype} data must be an array or typed array, got ${describeValue(values)}`);
  }
  const flat = flatten(values as TensorInputData, { field: name }).values;
  return encodeElements(datatype, flat, name, isLittleEndian());
}

// The BYTES elements of caller data: strings or Uint8Arrays, possibly nested.
function bytesElements(values: unknown, name: string): (string | Uint8Array)[] {
  if (!Array.isArray(values)) {
    // A lone Uint8Array is ambiguous (one element, or bytes meant as UINT8?): ask for an array.
    const hint = isUint8Array(values) ? '; wrap a single Uint8Array in an array to send it as one element' : '';
    throw invalidInput(name, `BYTES data must be an array of strings or Uint8Arrays, got ${describeValue(values)}${hint}`);
  }
  const flat = flatten(values as TensorInputData, { field: name, uint8ArrayAsElement: true }).values;
  for (let i = 0; i < flat.length; i += 1) {
    const v = flat[i];
    if (typeof v !== 'string' && !isUint8Array(v)) {
      throw invalidInput(name, `BYTES data must be strings or Uint8Arrays; element ${i} is ${describeValue(v)}`);
    }
  }
  return flat as (string | Uint8Array)[];
}

// Converts flat values element by element into the native layout of `datatype`.
function encodeElements(datatype: Exclude<Datatype, 'BYTES'>, values: ArrayLike<unknown>, name: string, le: boolean): Uint8Array {
  const n = values.length;
  switch (datatype) {
    case 'FP16':
    case 'BF16': {
      const floats = toFloats(datatype, values, name);
      return littleEndianBytes(datatype === 'FP16' ? encodeFloat16(floats) : encodeBfloat16(floats), le);
    }
    case 'BOOL': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 1) out[i] = coerceBool(values[i], i, name) ? 1 : 0;
      return out;
    }
    case 'INT64':
    case 'UINT64': {
      const out = datatype === 'INT64' ? new BigInt64Array(n) : new BigUint64Array(n);
      for (let i = 0; i < n; i += 1) out[i] = coerceBigInt(values[i], datatype, i, name);
      return littleEndianBytes(out, le);
    }
    case 'FP32':
    case 'FP64': {
      const out = datatype === 'FP32' ? new Float32Array(n) : new Float64Array(n);
      if (isTypedArray(values) && !isBigIntArray(values)) out.set(values as ArrayLike<number>);
      else for (let i = 0; i < n; i += 1) out[i] = coerceFloat(values[i], datatype, i, name);
      return littleEndianBytes(out, le);
    }
    default: {
      const Ctor = typedArrayConstructor(datatype);
      const out = new Ctor(n) as SmallIntegerArray;
      for (let i = 0; i < n; i += 1) out[i] = coerceInteger(values[i], datatype, i, name);
      return littleEndianBytes(out, le);
    }
  }
}

// The typed arrays of the SmallIntegerDatatype values (all hold plain numbers).
type SmallIntegerArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

function isBigIntArray(x: ArrayLike<unknown>): boolean {
  const tag = Object.prototype.toString.call(x);
  return tag === '[object BigInt64Array]' || tag === '[object BigUint64Array]';
}

// Numbers for the FP16/BF16 encoders: number typed arrays as they are (the encoders read a
// Float32Array's bits directly), anything else validated into a Float64Array.
function toFloats(datatype: Datatype, values: ArrayLike<unknown>, name: string): ArrayLike<number> {
  if (isTypedArray(values) && !isBigIntArray(values)) return values as ArrayLike<number>;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) out[i] = coerceFloat(values[i], datatype, i, name);
  return out;
}
