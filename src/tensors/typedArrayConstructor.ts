/**
 * The typed array that holds each fixed-size numeric datatype natively.
 */
import type { Datatype } from './datatypes.js';
import type { TypedArray } from './types.js';

/** The datatypes stored as a typed array of the same layout (FP16/BF16/BOOL/BYTES are not). */
export type NativeDatatype = Exclude<Datatype, 'FP16' | 'BF16' | 'BOOL' | 'BYTES'>;

/** What the library needs of a typed array constructor. */
export interface TypedArrayConstructorLike {
  readonly BYTES_PER_ELEMENT: number;
  new (length: number): TypedArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray;
}

const CONSTRUCTORS: Readonly<Record<NativeDatatype, TypedArrayConstructorLike>> = {
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  UINT64: BigUint64Array,
  INT8: Int8Array,
  INT16: Int16Array,
  INT32: Int32Array,
  INT64: BigInt64Array,
  FP32: Float32Array,
  FP64: Float64Array,
};

/** True when `dt` is held by a typed array with its exact binary layout. */
export function isNativeDatatype(dt: Datatype): dt is NativeDatatype {
  return Object.hasOwn(CONSTRUCTORS, dt);
}

/** The typed array constructor whose elements have exactly `dt`'s binary layout. */
export function typedArrayConstructor(dt: NativeDatatype): TypedArrayConstructorLike {
  return CONSTRUCTORS[dt];
}
