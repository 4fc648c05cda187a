import { isTypedArray } from '../../tensors/isTypedArray.js';

/**
 * True for an object that is a record of fields: not `null`, not an array, not a typed array.
 * The seed's input formats tell a batch of values (array) from inputs by name (record) this way.
 *
 * @param value - Anything.
 * @returns Whether `value` is a non-array, non-typed-array object.
 */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isTypedArray(value);
}
