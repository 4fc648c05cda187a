/**
 * Shape printing of OVMS validation messages.
 */
import type { Dim } from '../servables/ServableDefinition.js';

/**
 * A shape as OVMS prints it in validation messages: `(1,10)`, dynamic `-1`, ranges `[1~4]`
 * (rest-api.md §4.6).
 */
export function formatShape(shape: readonly Dim[]): string {
  return `(${shape.map(formatDim).join(',')})`;
}

/** One dimension as OVMS prints it. */
export function formatDim(d: Dim): string {
  return typeof d === 'number' ? String(d) : `[${d[0]}~${d[1]}]`;
}
