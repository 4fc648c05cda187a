/**
 * IEEE 754 half precision (FP16: 1 sign, 5 exponent, 10 mantissa bits) conversions.
 * JS has no half type in Node 20, so FP16 tensors travel as their 16-bit patterns.
 */
import { isLittleEndian } from './byteOrder.js';
import {
  float16BitsFromFloat32Bits,
  smallFloatBitsFromFloat64Words,
  smallFloatBitsFromNumber,
  smallFloatBitsToNumber,
} from './smallFloat.js';

/**
 * The FP16 bit pattern nearest to `x`: round to nearest, ties to even; overflow gives ±Infinity,
 * tiny values become subnormals or ±0, NaN gives the quiet NaN 0x7e00. `x` is rounded once, as
 * the float64 it is (no intermediate float32 rounding).
 *
 * @example
 * ```ts
 * float32ToFloat16Bits(1); // 0x3c00
 * ```
 */
export function float32ToFloat16Bits(x: number): number {
  return smallFloatBitsFromNumber(x, 5, 10);
}

/** The value of the FP16 bit pattern `h` (its low 16 bits), exactly. */
export function float16BitsToFloat32(h: number): number {
  return smallFloatBitsToNumber(h & 0xffff, 5, 10);
}

/**
 * The FP16 bit patterns of `values` (same rounding as {@link float32ToFloat16Bits}, NaN payloads
 * kept). Every element must be a number.
 */
export function encodeFloat16(values: ArrayLike<number>): Uint16Array {
  const n = values.length;
  const out = new Uint16Array(n);
  if (values instanceof Float32Array) {
    // A Float32Array's byteOffset is always a multiple of 4, so its bits can be read in place.
    const u = new Uint32Array(values.buffer, values.byteOffset, n);
    for (let i = 0; i < n; i += 1) out[i] = float16BitsFromFloat32Bits(u[i] as number);
    return out;
  }
  // Other numbers are float64: read their words and round once, where a detour through
  // float32 could round twice and get ties wrong.
  const f64 = values instanceof Float64Array ? values : new Float64Array(values);
  const words = new Uint32Array(f64.buffer, f64.byteOffset, n * 2);
  const hi = isLittleEndian() ? 1 : 0;
  const lo = 1 - hi;
  for (let i = 0; i < n; i += 1) {
    out[i] = smallFloatBitsFromFloat64Words(words[2 * i + hi] as number, words[2 * i + lo] as number, 5, 10);
  }
  return out;
}

/** The values of the FP16 bit patterns in `bits`, widened (exactly) to a `Float32Array`. */
export function decodeFloat16(bits: Uint16Array): Float32Array {
  const n = bits.length;
  const out = new Float32Array(n);
  // Write float32 bit patterns directly: a half widens to a float32 by re-biasing the exponent
  // and shifting the mantissa, which is much faster than arithmetic per element.
  const u = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i += 1) {
    const h = bits[i] as number;
    const sign = (h & 0x8000) << 16;
    const e = h & 0x7c00;
    if (e === 0x7c00) {
      // Infinity or NaN: the mantissa (and so a NaN payload and its quiet bit) carries over.
      u[i] = sign | 0x7f800000 | ((h & 0x3ff) << 13);
    } else if (e !== 0) {
      // Normal: exponent bias 15 -> 127 is +112 in the exponent field.
      u[i] = sign | (((h & 0x7fff) + (112 << 10)) << 13);
    } else {
      // Zero or subnormal (m * 2^-24): normal in float32, simplest computed arithmetically.
      const m = (h & 0x3ff) * 2 ** -24;
      out[i] = sign === 0 ? m : -m;
    }
  }
  return out;
}
