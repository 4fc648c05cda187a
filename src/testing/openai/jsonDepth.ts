/**
 * Nesting depth of a parsed JSON value: a scalar is 0, `{}` or `[]` is 1, `{"a":[1]}` is 2.
 * @param value a value produced by `JSON.parse`
 * @returns the depth
 */
// @__NO_SIDE_EFFECTS__
export function jsonDepth(value: unknown): number {
  // Iterative, so that a hostile body cannot overflow the stack.
  let max = 0;
  const stack: Array<readonly [unknown, number]> = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (node === null || typeof node !== 'object') {
      continue;
    }
    const here = depth + 1;
    if (here > max) {
      max = here;
    }
    const children: readonly unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      stack.push([child, here]);
    }
  }
  return max;
}
