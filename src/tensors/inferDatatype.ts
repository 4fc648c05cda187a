/**
 * Guessing a tensor's datatype from the JS data a caller gave.
 */
import type { Datatype } from './datatypes.js';
import { isTypedArray } from './isTypedArray.js';
import { isUint8Array } from './isUint8Array.js';
import { typedArrayDatatype } from './typedArrayDatatype.js';
import type { TensorInputData } from './types.js';

// Deeper than any real tensor; stops self-referencing arrays from recursing forever.
const MAX_DEPTH = 64;

const NUMBER = 1;
const BIGINT = 2;
const BOOLEAN = 4;
const BYTES = 8;
const TYPED = 16;

/**
 * The datatype `data` most naturally has, or `undefined` when it cannot be told (empty or mixed
 * data). Typed arrays give their own datatype (Float32Array -> FP32, BigInt64Array -> INT64, …).
 * In plain arrays: booleans -> BOOL; strings and/or `Uint8Array` elements -> BYTES; bigints (alone
 * or with numbers) -> INT64; numbers -> FP32, since a JS number says nothing about integer-ness
 * the model expects (take integer datatypes from the model's metadata instead).
 *
 * @example
 * ```ts
 * inferDatatype([[1, 2], [3, 4]]); // 'FP32'
 * inferDatatype(new BigInt64Array(3)); // 'INT64'
 * ```
 */
export function inferDatatype(data: TensorInputData): Datatype | undefined {
  if (isTypedArray(data)) return typedArrayDatatype(data);
  if (!Array.isArray(data)) return undefined;
  // Leaf kinds seen, as bit flags (cheaper than a Set on 150k-element tensors), plus the datatype
  // of inner typed arrays other than Uint8Array.
  let kinds = 0;
  let typed: Datatype | undefined;
  const visit = (node: readonly unknown[], depth: number): boolean => {
    if (depth > MAX_DEPTH) return false;
    for (const v of node) {
      switch (typeof v) {
        case 'number':
          kinds |= NUMBER;
          continue;
        case 'bigint':
          kinds |= BIGINT;
          continue;
        case 'boolean':
          kinds |= BOOLEAN;
          continue;
        case 'string':
          kinds |= BYTES;
          continue;
        default:
          break;
      }
      if (Array.isArray(v)) {
        if (!visit(v, depth + 1)) return false;
      } else if (isUint8Array(v)) {
        // A Uint8Array inside an array is a BYTES element (raw bytes), not a row of UINT8s.
        kinds |= BYTES;
      } else {
        const dt = isTypedArray(v) ? typedArrayDatatype(v) : undefined;
        if (dt === undefined || (typed !== undefined && typed !== dt)) return false;
        typed = dt;
        kinds |= TYPED;
      }
    }
    return true;
  };
  if (!visit(data, 0)) return undefined;
  switch (kinds) {
    case NUMBER:
      return 'FP32';
    case BIGINT:
    case BIGINT | NUMBER:
      return 'INT64';
    case BOOLEAN:
      return 'BOOL';
    case BYTES:
      return 'BYTES';
    case TYPED:
      return typed;
    default:
      // Nothing (empty arrays) or kinds that do not go together.
      return undefined;
  }
}
