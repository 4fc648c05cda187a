/** Formats a shape the way OVMS prints it in its messages: `(1,10)` (rest-api.md §4.6). */
export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(',')})`;
}
