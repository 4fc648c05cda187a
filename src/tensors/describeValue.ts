/**
 * Short, safe descriptions of arbitrary values for error messages.
 */

const MAX_STRING = 40;

/**
 * A short human description of `v` for an error message: numbers and booleans as written,
 * bigints with an `n`, strings quoted (truncated), containers by kind and length.
 */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'boolean':
      return String(v);
    case 'string':
      return JSON.stringify(v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) {
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    return `a ${tag} of ${v.byteLength} bytes`;
  }
  return 'an object';
}
