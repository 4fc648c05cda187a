/**
 * Flattening of (nested) caller arrays into row-major values plus the inferred shape.
 */
import { invalidInput } from '../errors/OvmsError.js';
import { describeValue } from './describeValue.js';
import { isTypedArray } from './isTypedArray.js';
import { isUint8Array } from './isUint8Array.js';
import type { TensorInputData } from './types.js';

// Re-exported so the shape helpers are also reachable from this module, as first specified.
export { shapeSize } from './shapeSize.js';
export { toNested } from './toNested.js';

/** Options of {@link flatten}. */
export interface FlattenOptions {
  /**
   * Treat `Uint8Array`s inside the arrays as single elements (BYTES) instead of as the innermost
   * level of numbers. Default `false`.
   */
  readonly uint8ArrayAsElement?: boolean;
  /** The field named by `InvalidInput` errors. Default `'data'`. */
  readonly field?: string;
}

/** Row-major values and the shape of a rectangular nested array. */
export interface Flattened {
  readonly values: unknown[];
  readonly shape: number[];
}

// Deeper than any real tensor; stops self-referencing arrays from recursing forever.
const MAX_DEPTH = 64;

/**
 * The row-major values and shape of a rectangular nested array (a typed array may be the
 * innermost level). Throws `InvalidInput` for ragged arrays, naming the index path.
 *
 * @example
 * ```ts
 * flatten([[1, 2, 3], [4, 5, 6]]); // { values: [1, 2, 3, 4, 5, 6], shape: [2, 3] }
 * ```
 */
export function flatten(data: TensorInputData, options: FlattenOptions = {}): Flattened {
  const field = options.field ?? 'data';
  const bytesLeaves = options.uint8ArrayAsElement === true;
  const isLevel = (x: unknown): x is ArrayLike<unknown> =>
    Array.isArray(x) || (isTypedArray(x) && !(bytesLeaves && isUint8Array(x)));
  if (!isLevel(data)) throw invalidInput(field, `expected an array or typed array, got ${describeValue(data)}`);

  // The shape is read along the first elements; the walk below then checks every other branch.
  const shape: number[] = [];
  let probe: unknown = data;
  while (isLevel(probe)) {
    if (shape.length >= MAX_DEPTH) throw invalidInput(field, `nested array deeper than ${MAX_DEPTH} levels`);
    shape.push(probe.length);
    if (isTypedArray(probe) || probe.length === 0) break;
    probe = probe[0];
  }

  const values: unknown[] = [];
  const path: number[] = [];
  const ragged = (expected: string, got: string): Error =>
    invalidInput(field, `ragged nested array: expected ${expected} at index path [${path.join(', ')}], got ${got}`);
  const last = shape.length - 1;

  const walk = (node: unknown, depth: number): void => {
    const len = shape[depth] as number;
    if (!isLevel(node)) throw ragged(`an array of length ${len}`, describeValue(node));
    if (node.length !== len) throw ragged(`length ${len}`, `length ${node.length}`);
    if (depth === last) {
      const typed = isTypedArray(node);
      for (let i = 0; i < len; i += 1) {
        const v = node[i];
        if (!typed && isLevel(v)) {
          path.push(i);
          throw ragged('a scalar', describeValue(v));
        }
        values.push(v);
      }
      return;
    }
    if (isTypedArray(node)) throw ragged(`an array of ${shape.length - depth - 1}-level nested arrays`, describeValue(node));
    for (let i = 0; i < len; i += 1) {
      path.push(i);
      walk(node[i], depth + 1);
      path.pop();
    }
  };
  walk(data, 0);
  return { values, shape };
}
