/**
 * Decoding of the JSON `data` array of a KServe v2 response tensor into JS data.
 */
import { decodeError, type OvmsError } from '../errors/OvmsError.js';
import { checkShape } from './checkShape.js';
import { bigIntegerBounds, integerBounds } from './coerceElement.js';
import type { Datatype } from './datatypes.js';
import { describeValue } from './describeValue.js';
import { typedArrayConstructor } from './typedArrayConstructor.js';
import type { DecodedData, DecodeOptions, TensorOutputData } from './types.js';

// Deeper than any real tensor; stops a hostile response from exhausting the stack.
const MAX_DEPTH = 64;

/**
 * The data of a response tensor of `datatype` and `shape` given as JSON `data` (flat or nested),
 * in the same types {@link decodeBinary} returns (INT64 -> BigInt64Array, FP16/BF16 ->
 * Float32Array, BOOL -> boolean[], BYTES -> string[] or, with `{ bytes: 'binary' }`, their UTF-8
 * bytes). Throws a `Decode` error when an element has the wrong JSON type or range, or the
 * element count differs from the shape's.
 *
 * @example
 * ```ts
 * decodeJson('INT64', [1, 2, 3], [3]); // BigInt64Array [1n, 2n, 3n]
 * ```
 */
export function decodeJson<D extends Datatype>(
  datatype: D,
  data: unknown,
  shape: readonly number[],
  options: DecodeOptions = {},
): DecodedData<D> {
  return decode(datatype, data, shape, options) as DecodedData<D>;
}

function decode(datatype: Datatype, data: unknown, shape: readonly number[], options: DecodeOptions): TensorOutputData {
  const n = checkShape(shape);
  const what = options.name === undefined ? `${datatype} tensor` : `${datatype} tensor '${options.name}'`;
  if (!Array.isArray(data)) throw decodeError(`${what}: data must be a JSON array, got ${describeValue(data)}`);
  // Servers send flat data; only copy when there really is nesting to undo.
  let flat: readonly unknown[] = data;
  if (data.some((v) => Array.isArray(v))) {
    const out: unknown[] = [];
    flattenJson(data, out, 0, what);
    flat = out;
  }
  if (flat.length !== n) {
    throw decodeError(`${what}: data has ${flat.length} elements but shape [${shape.join(', ')}] needs ${n}`);
  }
  const bad = (i: number, expected: string): OvmsError =>
    decodeError(`${what}: element ${i} is ${describeValue(flat[i])}, expected ${expected}`);

  switch (datatype) {
    case 'BOOL': {
      const out: boolean[] = new Array<boolean>(n);
      for (let i = 0; i < n; i += 1) {
        const v = flat[i];
        if (typeof v !== 'boolean') throw bad(i, 'true or false');
        out[i] = v;
      }
      return out;
    }
    case 'BYTES': {
      for (let i = 0; i < n; i += 1) if (typeof flat[i] !== 'string') throw bad(i, 'a string');
      const strings = flat.slice() as string[];
      if (options.bytes !== 'binary') return strings;
      const encoder = new TextEncoder();
      return strings.map((s) => encoder.encode(s));
    }
    case 'FP16':
    case 'BF16':
    case 'FP32':
    case 'FP64': {
      const out = datatype === 'FP64' ? new Float64Array(n) : new Float32Array(n);
      for (let i = 0; i < n; i += 1) {
        const v = flat[i];
        if (typeof v !== 'number') throw bad(i, 'a number');
        out[i] = v;
      }
      return out;
    }
    case 'INT64':
    case 'UINT64': {
      const [min, max] = bigIntegerBounds(datatype);
      const out = datatype === 'INT64' ? new BigInt64Array(n) : new BigUint64Array(n);
      for (let i = 0; i < n; i += 1) {
        const v = flat[i];
        // JSON.parse may already have rounded integers beyond 2^53; they are taken as parsed.
        // A bigint is accepted too, for callers who parse with a bigint-aware JSON reader.
        const b = typeof v === 'bigint' ? v : typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined;
        if (b === undefined || b < min || b > max) throw bad(i, `an integer in [${min}, ${max}]`);
        out[i] = b;
      }
      return out;
    }
    default: {
      const [min, max] = integerBounds(datatype);
      const out = new (typedArrayConstructor(datatype))(n) as Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;
      for (let i = 0; i < n; i += 1) {
        const v = flat[i];
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(i, `an integer in [${min}, ${max}]`);
        out[i] = v;
      }
      return out;
    }
  }
}

// Appends the leaves of nested JSON arrays to `out`, row-major.
function flattenJson(node: readonly unknown[], out: unknown[], depth: number, what: string): void {
  if (depth > MAX_DEPTH) throw decodeError(`${what}: data is nested deeper than ${MAX_DEPTH} levels`);
  for (const v of node) {
    if (Array.isArray(v)) flattenJson(v, out, depth + 1, what);
    else out.push(v);
  }
}
