/**
 * Element count of a tensor shape.
 */

/** The number of elements of a tensor of `shape`: the product of its dimensions (`[]` -> 1). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
