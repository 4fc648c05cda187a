/**
 * bfloat16 (BF16: the top 16 bits of a float32 — 1 sign, 8 exponent, 7 mantissa bits)
 * conversions. BF16 tensors travel as their 16-bit patterns.
 */
import { isLittleEndian } from './byteOrder.js';
import { smallFloatBitsFromFloat64Words, smallFloatBitsFromNumber, smallFloatBitsToNumber } from './smallFloat.js';

/**
 * The BF16 bit pattern nearest to `x`: round to nearest, ties to even; overflow gives ±Infinity,
 * NaN gives the quiet NaN 0x7fc0. `x` is rounded once, as the float64 it is.
 *
 * @example
 * ```ts
 * float32ToBfloat16Bits(1); // 0x3f80
 * ```
 */
export function float32ToBfloat16Bits(x: number): number {
  return smallFloatBitsFromNumber(x, 8, 7);
}

/** The value of the BF16 bit pattern `h` (its low 16 bits), exactly. */
export function bfloat16BitsToFloat32(h: number): number {
  return smallFloatBitsToNumber(h & 0xffff, 8, 7);
}

/**
 * The BF16 bit patterns of `values` (same rounding as {@link float32ToBfloat16Bits}, NaN
 * payloads kept). Every element must be a number.
 */
export function encodeBfloat16(values: ArrayLike<number>): Uint16Array {
  const n = values.length;
  const out = new Uint16Array(n);
  if (values instanceof Float32Array) {
    // BF16 is a truncated float32, so from float32 bits rounding is one integer addition:
    // adding 0x7fff plus the lowest kept bit rounds to nearest with ties to even. Never
    // exceeds 2^32 for non-NaN input, so `>>> 16` sees the exact sum.
    const u = new Uint32Array(values.buffer, values.byteOffset, n);
    for (let i = 0; i < n; i += 1) {
      const b = u[i] as number;
      out[i] = (b & 0x7fffffff) > 0x7f800000 ? (b >>> 16) | 0x40 : (b + 0x7fff + ((b >>> 16) & 1)) >>> 16;
    }
    return out;
  }
  // Other numbers are float64: round from their words directly, once (no float32 detour).
  const f64 = values instanceof Float64Array ? values : new Float64Array(values);
  const words = new Uint32Array(f64.buffer, f64.byteOffset, n * 2);
  const hi = isLittleEndian() ? 1 : 0;
  const lo = 1 - hi;
  for (let i = 0; i < n; i += 1) {
    out[i] = smallFloatBitsFromFloat64Words(words[2 * i + hi] as number, words[2 * i + lo] as number, 8, 7);
  }
  return out;
}

/** The values of the BF16 bit patterns in `bits`, widened (exactly) to a `Float32Array`. */
export function decodeBfloat16(bits: Uint16Array): Float32Array {
  const n = bits.length;
  const out = new Float32Array(n);
  // A BF16 pattern is the top half of the float32 pattern of the same value.
  const u = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i += 1) u[i] = (bits[i] as number) << 16;
  return out;
}
