import { usageError } from '../usageError.js';

/**
 * Parses `--concurrency`: comma-separated positive integers (`1,2,4,8`), or a doubling range
 * `1:16` (1, 2, 4, 8, 16; the end is included when it is not a power of the start).
 *
 * @param text - The option's value.
 * @returns The levels in the order given.
 * @throws {OvmsError} a usage error for anything else.
 */
export function parseConcurrencyList(text: string): number[] {
  const bad = (): never => {
    throw usageError(`--concurrency must be like 1,2,4,8 or 1:16 (positive integers, at most 1024), got '${text}'`, 'concurrency');
  };
  const int = (s: string): number => {
    const n = /^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN;
    return Number.isInteger(n) && n >= 1 && n <= 1024 ? n : bad();
  };
  const range = /^([^:]+):([^:]+)$/.exec(text);
  if (range !== null) {
    const from = int(range[1] as string);
    const to = int(range[2] as string);
    if (to < from) bad();
    const levels: number[] = [];
    for (let c = from; c <= to; c *= 2) levels.push(c);
    if (levels[levels.length - 1] !== to) levels.push(to);
    return levels;
  }
  return text.split(',').map(int);
}
