/**
 * The natural KServe datatype of each JS typed array.
 */
import type { Datatype } from './datatypes.js';

// Keyed by the typed array's Symbol.toStringTag, which (unlike `instanceof`) is realm-independent.
// A Uint8ClampedArray holds the same bytes as a Uint8Array, so it maps to UINT8 too.
const DATATYPE_BY_TAG: Readonly<Record<string, Datatype>> = {
  Int8Array: 'INT8',
  Uint8Array: 'UINT8',
  Uint8ClampedArray: 'UINT8',
  Int16Array: 'INT16',
  Uint16Array: 'UINT16',
  Int32Array: 'INT32',
  Uint32Array: 'UINT32',
  Float32Array: 'FP32',
  Float64Array: 'FP64',
  BigInt64Array: 'INT64',
  BigUint64Array: 'UINT64',
};

/**
 * The datatype whose binary layout equals `x`'s memory (Float32Array -> FP32, BigInt64Array ->
 * INT64, …), or `undefined` when `x` is not a typed array of a known kind.
 */
export function typedArrayDatatype(x: unknown): Datatype | undefined {
  if (!ArrayBuffer.isView(x)) return undefined;
  const tag: unknown = (x as unknown as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  return typeof tag === 'string' && Object.hasOwn(DATATYPE_BY_TAG, tag) ? DATATYPE_BY_TAG[tag] : undefined;
}
