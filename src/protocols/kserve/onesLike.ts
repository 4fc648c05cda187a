import { isTypedArray } from '../../tensors/isTypedArray.js';
import type { NestedArray } from '../../tensors/types.js';

/**
 * Ones with the nesting of `data`: a (nested) array mirrors the nesting, a typed array becomes a
 * plain array of as many ones, a single value becomes `1`. Plain numbers, so that the model's
 * datatype (from metadata) decides their encoding, not the datatype of `data`.
 *
 * @param data - Tensor data as a caller gives it.
 * @returns Ones of the same shape.
 * @example
 * ```ts
 * onesLike([[5, 6], [7, 8]]); // [[1, 1], [1, 1]]
 * ```
 */
export function onesLike(data: unknown): number | NestedArray<number> {
  if (isTypedArray(data)) return Array.from({ length: data.length }, () => 1);
  if (Array.isArray(data)) return data.map((x: unknown) => onesLike(x));
  return 1;
}
