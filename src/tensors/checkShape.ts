/**
 * Validation of a shape that came from a server response.
 */
import { decodeError } from '../errors/OvmsError.js';
import { shapeSize } from './shapeSize.js';

/**
 * The element count of `shape`, after checking it is an array of non-negative safe integers
 * with a safe-integer product; throws a `Decode` error otherwise.
 */
export function checkShape(shape: unknown): number {
  if (!Array.isArray(shape)) throw decodeError(`tensor shape must be an array of dimensions, got ${typeof shape}`);
  for (const d of shape as unknown[]) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw decodeError(`tensor shape [${(shape as unknown[]).map(String).join(', ')}] has an invalid dimension ${String(d)}`);
    }
  }
  const n = shapeSize(shape as number[]);
  if (!Number.isSafeInteger(n)) throw decodeError(`tensor shape [${shape.join(', ')}] has too many elements (${n})`);
  return n;
}
