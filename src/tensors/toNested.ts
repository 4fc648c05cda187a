/**
 * Rebuilding nested JS arrays from a flat row-major tensor.
 */
import { decodeError } from '../errors/OvmsError.js';
import { checkShape } from './checkShape.js';
import type { NestedArray, TensorOutputData } from './types.js';

/** A single element of decoded tensor data. */
export type OutputScalar = number | bigint | boolean | string | Uint8Array;

/** What {@link toNested} returns: the single value for shape `[]`, nested arrays otherwise. */
export type NestedOutput = OutputScalar | NestedArray<OutputScalar>;

/**
 * The tensor's flat row-major `data` as nested arrays following `shape` (bigints stay bigints,
 * typed-array elements become numbers). A scalar shape `[]` gives the single value. Throws a
 * `Decode` error when the element count does not match the shape.
 *
 * @example
 * ```ts
 * toNested({ shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }); // [[1, 2], [3, 4]]
 * ```
 */
export function toNested(tensor: { readonly shape: readonly number[]; readonly data: TensorOutputData }): NestedOutput {
  const { shape } = tensor;
  const n = checkShape(shape);
  const data = tensor.data as ArrayLike<OutputScalar>;
  if (data === null || typeof data !== 'object' || typeof data.length !== 'number') {
    throw decodeError('tensor data must be an array or typed array');
  }
  if (data.length !== n) {
    throw decodeError(`tensor data has ${data.length} elements but shape [${shape.join(', ')}] needs ${n}`);
  }
  if (shape.length === 0) return data[0] as OutputScalar;

  // strides[d] = elements spanned by one step along dimension d.
  const strides: number[] = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d -= 1) {
    strides[d] = s;
    s *= shape[d] as number;
  }
  const last = shape.length - 1;
  const build = (depth: number, offset: number): OutputScalar[] | NestedArray<OutputScalar>[] => {
    const len = shape[depth] as number;
    if (depth === last) {
      const row: OutputScalar[] = new Array<OutputScalar>(len);
      for (let i = 0; i < len; i += 1) row[i] = data[offset + i] as OutputScalar;
      return row;
    }
    const stride = strides[depth] as number;
    const rows: NestedArray<OutputScalar>[] = new Array<NestedArray<OutputScalar>>(len);
    for (let i = 0; i < len; i += 1) rows[i] = build(depth + 1, offset + i * stride);
    return rows;
  };
  return build(0, 0);
}
