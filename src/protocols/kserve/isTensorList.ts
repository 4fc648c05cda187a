import type { InferInputTensor } from './InferRequest.js';
import { isPlainObject } from './isPlainObject.js';

/**
 * True for a non-empty array of tensor objects `{ name, data, shape?, datatype? }` (the KServe
 * request form). Tensor data never holds such objects, so this cannot mistake values for tensors.
 *
 * @param value - Anything.
 * @returns Whether `value` is a list of named input tensors.
 */
export function isTensorList(value: unknown): value is readonly InferInputTensor[] {
  return Array.isArray(value) && value.length > 0 && value.every((x) => isPlainObject(x) && typeof x['name'] === 'string' && 'data' in x);
}
