/**
 * Per-element validation of caller data against a datatype, shared by the binary and JSON
 * encoders so both accept and reject exactly the same values with the same messages.
 */
import { invalidInput, type OvmsError } from '../errors/OvmsError.js';
import type { Datatype } from './datatypes.js';
import { describeValue } from './describeValue.js';

/** The integer datatypes whose values fit a JS number exactly. */
export type SmallIntegerDatatype = 'INT8' | 'INT16' | 'INT32' | 'UINT8' | 'UINT16' | 'UINT32';

/** The 64-bit integer datatypes, held as bigints. */
export type BigIntegerDatatype = 'INT64' | 'UINT64';

const INTEGER_BOUNDS: Readonly<Record<SmallIntegerDatatype, readonly [number, number]>> = {
  INT8: [-128, 127],
  INT16: [-32768, 32767],
  INT32: [-2147483648, 2147483647],
  UINT8: [0, 255],
  UINT16: [0, 65535],
  UINT32: [0, 4294967295],
};

const BIGINT_BOUNDS: Readonly<Record<BigIntegerDatatype, readonly [bigint, bigint]>> = {
  INT64: [-(2n ** 63n), 2n ** 63n - 1n],
  UINT64: [0n, 2n ** 64n - 1n],
};

/** The inclusive `[min, max]` range of a small integer datatype. */
export function integerBounds(dt: SmallIntegerDatatype): readonly [number, number] {
  return INTEGER_BOUNDS[dt];
}

/** The inclusive `[min, max]` range of a 64-bit integer datatype. */
export function bigIntegerBounds(dt: BigIntegerDatatype): readonly [bigint, bigint] {
  return BIGINT_BOUNDS[dt];
}

function bad(name: string, dt: Datatype, expected: string, index: number, v: unknown): OvmsError {
  return invalidInput(name, `${dt} data must be ${expected}; element ${index} is ${describeValue(v)}`);
}

/** `v` as a float value: any number (NaN and ±Infinity included) or a bigint (converted). */
export function coerceFloat(v: unknown, dt: Datatype, index: number, name: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw bad(name, dt, 'numbers', index, v);
}

/** `v` as an integer of `dt`'s range: an integral number or a bigint within the range. */
export function coerceInteger(v: unknown, dt: SmallIntegerDatatype, index: number, name: string): number {
  const [min, max] = INTEGER_BOUNDS[dt];
  // A bigint converts exactly within these ranges, and far outside them stays far outside.
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max) return n;
  throw bad(name, dt, `integers in [${min}, ${max}]`, index, v);
}

/**
 * `v` as a 64-bit integer of `dt`: a bigint in range, or a number that is a safe integer (an
 * unsafe one may already have lost its exact value, so it is refused rather than guessed).
 */
export function coerceBigInt(v: unknown, dt: BigIntegerDatatype, index: number, name: string): bigint {
  const [min, max] = BIGINT_BOUNDS[dt];
  if (typeof v === 'bigint') {
    if (v >= min && v <= max) return v;
  } else if (typeof v === 'number' && Number.isSafeInteger(v) && (dt === 'INT64' || v >= 0)) {
    return BigInt(v);
  }
  throw bad(name, dt, `bigints in [${min}, ${max}] or safe-integer numbers`, index, v);
}

/** `v` as a boolean: `true`/`false`, or 0/1 (number or bigint). */
export function coerceBool(v: unknown, index: number, name: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 0n) return false;
  if (v === 1 || v === 1n) return true;
  throw bad(name, 'BOOL', 'booleans (or 0/1)', index, v);
}
