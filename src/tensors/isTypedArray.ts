/**
 * Typed-array detection that also works for arrays from another realm (worker, vm, iframe),
 * where `instanceof` is false.
 */
import type { TypedArray } from './types.js';

/** True when `x` is a typed array (any element kind; a `DataView` is not one). */
export function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && Object.prototype.toString.call(x) !== '[object DataView]';
}
