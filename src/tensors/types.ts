/**
 * The shapes of tensor data the library accepts from callers and returns to them.
 */
import type { Datatype } from './datatypes.js';

/**
 * The JavaScript typed arrays that carry tensor data. `Uint8ClampedArray` and `Float16Array`
 * are left out: the first has no KServe meaning of its own, the second is not in Node 20.
 */
export type TypedArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** An arbitrarily deep, read-only nested array whose leaves are `T`. */
export type NestedArray<T> = readonly (T | NestedArray<T>)[];

/** A single element a caller may put in tensor data. */
export type TensorScalar = number | bigint | boolean | string;

/**
 * Tensor data as a caller may give it: a typed array, a (nested) array of scalars whose
 * innermost level may also be a typed array, or BYTES elements as `Uint8Array`s.
 */
export type TensorInputData = TypedArray | NestedArray<TensorScalar | TypedArray> | readonly Uint8Array[];

/** The decoded data type of each {@link Datatype}. FP16 and BF16 widen to `Float32Array`. */
export interface TensorOutputDataMap {
  readonly BOOL: boolean[];
  readonly UINT8: Uint8Array;
  readonly UINT16: Uint16Array;
  readonly UINT32: Uint32Array;
  readonly UINT64: BigUint64Array;
  readonly INT8: Int8Array;
  readonly INT16: Int16Array;
  readonly INT32: Int32Array;
  readonly INT64: BigInt64Array;
  readonly FP16: Float32Array;
  readonly BF16: Float32Array;
  readonly FP32: Float32Array;
  readonly FP64: Float64Array;
  /** Strings by default; raw bytes when decoded with `{ bytes: 'binary' }`. */
  readonly BYTES: string[] | Uint8Array[];
}

/** The decoded data of a tensor of datatype `D`. */
export type DecodedData<D extends Datatype> = TensorOutputDataMap[D];

/** Decoded tensor data of any datatype. */
export type TensorOutputData = TensorOutputDataMap[Datatype];

/** Options of the tensor decoders. */
export interface DecodeOptions {
  /** How BYTES elements are returned: UTF-8-decoded strings (default) or raw `Uint8Array`s. */
  readonly bytes?: 'string' | 'binary';
  /** The tensor's name, only used to make `Decode` error messages say which tensor failed. */
  readonly name?: string;
}

/** A decoded tensor of a response: its name, datatype, shape and flat row-major data. */
export interface Tensor {
  readonly name: string;
  readonly datatype: Datatype;
  readonly shape: readonly number[];
  readonly data: TensorOutputData;
}
