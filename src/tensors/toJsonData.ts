/**
 * Conversion of caller data into the flat JSON `data` array of a KServe v2 request.
 */
import { invalidInput } from '../errors/OvmsError.js';
import { coerceBigInt, coerceBool, coerceFloat, coerceInteger } from './coerceElement.js';
import type { Datatype } from './datatypes.js';
import { describeValue } from './describeValue.js';
import { flatten } from './flatten.js';
import { isTypedArray } from './isTypedArray.js';
import { isUint8Array } from './isUint8Array.js';
import type { TensorInputData } from './types.js';

/**
 * The flat row-major JSON `data` array OVMS accepts for a `datatype` input named `name`.
 * Validates like {@link encodeBinary}, plus what JSON cannot carry: FP16/BF16 (OVMS takes them
 * only as binary data), NaN/±Infinity, INT64/UINT64 values beyond ±(2^53 − 1), and BYTES given
 * as Uint8Array; each throws an `InvalidInput` error whose field is `name`.
 *
 * @example
 * ```ts
 * toJsonData('INT32', [[1, 2], [3, 4]], 'x'); // [1, 2, 3, 4]
 * ```
 */
export function toJsonData(
  datatype: Datatype,
  values: TensorInputData | readonly unknown[],
  name: string,
): (number | boolean | string)[] {
  if (datatype === 'FP16' || datatype === 'BF16') {
    throw invalidInput(name, `${datatype} data cannot be sent as JSON: OVMS accepts ${datatype} only as binary tensor data`);
  }
  let flat: ArrayLike<unknown>;
  if (isTypedArray(values) && datatype !== 'BYTES') flat = values;
  else if (Array.isArray(values)) {
    flat = flatten(values as TensorInputData, { field: name, uint8ArrayAsElement: datatype === 'BYTES' }).values;
  } else {
    throw invalidInput(name, `${datatype} data must be an array${datatype === 'BYTES' ? ' of strings' : ' or typed array'}, got ${describeValue(values)}`);
  }
  const n = flat.length;
  const out: (number | boolean | string)[] = new Array<number | boolean | string>(n);
  switch (datatype) {
    case 'BYTES':
      for (let i = 0; i < n; i += 1) {
        const v = flat[i];
        if (typeof v === 'string') out[i] = v;
        else if (isUint8Array(v)) {
          throw invalidInput(name, `BYTES element ${i} is a Uint8Array, which JSON cannot carry; send this tensor as binary data`);
        } else throw invalidInput(name, `BYTES data must be strings; element ${i} is ${describeValue(v)}`);
      }
      return out;
    case 'BOOL':
      for (let i = 0; i < n; i += 1) out[i] = coerceBool(flat[i], i, name);
      return out;
    case 'FP32':
    case 'FP64':
      for (let i = 0; i < n; i += 1) {
        const v = coerceFloat(flat[i], datatype, i, name);
        // JSON.stringify would silently turn these into null, which OVMS rejects.
        if (!Number.isFinite(v)) {
          throw invalidInput(name, `${datatype} element ${i} is ${v}, which JSON cannot represent; send this tensor as binary data`);
        }
        out[i] = v;
      }
      return out;
    case 'INT64':
    case 'UINT64':
      for (let i = 0; i < n; i += 1) {
        const b = coerceBigInt(flat[i], datatype, i, name);
        const v = Number(b);
        // Beyond 2^53 a JSON number no longer names one integer: parsers may round it.
        if (!Number.isSafeInteger(v)) {
          throw invalidInput(
            name,
            `${datatype} element ${i} is ${b}n, outside the range JSON numbers carry exactly (±(2^53 − 1)); send this tensor as binary data`,
          );
        }
        out[i] = v;
      }
      return out;
    default:
      for (let i = 0; i < n; i += 1) out[i] = coerceInteger(flat[i], datatype, i, name);
      return out;
  }
}
