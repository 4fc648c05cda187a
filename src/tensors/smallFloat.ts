/**
 * Generic conversions between JS numbers and 16-bit binary floats with `expBits` exponent bits
 * and `mantBits` mantissa bits (FP16: 5/10, BF16: 8/7). Internal: float16.ts and bfloat16.ts
 * wrap them. Two independent algorithms live here on purpose: a Math-based one for single
 * values (no scratch buffer, so no allocation or module state) and a bit-based one for bulk
 * paths (fast); the tests cross-check them against each other.
 */

// Round a non-negative float64 to the nearest integer, ties to even (Math.round ties upward).
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  // Exact: f and v are within 1 of each other, so the subtraction loses nothing.
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * The bits of the 16-bit float nearest to `x` (round to nearest, ties to even), computed with
 * Math only. NaN becomes the canonical quiet NaN (its sign cannot be observed without bits).
 */
export function smallFloatBitsFromNumber(x: number, expBits: number, mantBits: number): number {
  const expMax = (1 << expBits) - 1;
  const inf = expMax << mantBits;
  if (Number.isNaN(x)) return inf | (1 << (mantBits - 1));
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  const bias = (1 << (expBits - 1)) - 1;
  const eMin = 1 - bias;
  // Halfway between the largest finite value and 2^(bias+1): at or above it rounds to Infinity
  // (the tie goes to the even neighbour, which is the Infinity pattern).
  const overflow = (2 - 2 ** -(mantBits + 1)) * 2 ** bias;
  if (a >= overflow) return sign | inf;
  if (a < 2 ** eMin) {
    // Subnormal (or zero): a multiple of 2^(eMin - mantBits). Scaling by a power of two is exact.
    // A result of 2^mantBits is exactly the bit pattern of the smallest normal, so no special case.
    return sign | roundHalfEven(a * 2 ** (mantBits - eMin));
  }
  // Math.log2 may be off by one ulp near powers of two; the exact power-of-two checks fix that.
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1;
  else if (2 ** (e + 1) <= a) e += 1;
  const m = roundHalfEven(a * 2 ** (mantBits - e));
  // m is in [2^mantBits, 2^(mantBits+1)]; a carry to 2^(mantBits+1) bumps the exponent by itself.
  return sign | (((e + bias) << mantBits) + m - (1 << mantBits));
}

/**
 * The bits of the 16-bit float nearest to the float64 whose high and low 32-bit words are
 * `hi` and `lo` (round to nearest, ties to even; NaN stays NaN, made quiet, payload kept).
 */
export function smallFloatBitsFromFloat64Words(hi: number, lo: number, expBits: number, mantBits: number): number {
  const sign = (hi >>> 16) & 0x8000;
  const exp64 = (hi >>> 20) & 0x7ff;
  const mantHi = hi & 0xfffff;
  const expMax = (1 << expBits) - 1;
  const inf = expMax << mantBits;
  // Mantissa bits of the high word that fall below the kept mantissa (the low word is all below).
  const dropped = 20 - mantBits;
  if (exp64 === 0x7ff) {
    if (mantHi === 0 && lo === 0) return sign | inf;
    return sign | inf | (1 << (mantBits - 1)) | (mantHi >>> dropped);
  }
  const e = exp64 - 1023 + ((1 << (expBits - 1)) - 1);
  if (e >= expMax) return sign | inf;
  let q: number;
  let rem: number;
  let half: number;
  if (e >= 1) {
    q = (e << mantBits) | (mantHi >>> dropped);
    rem = mantHi & ((1 << dropped) - 1);
    half = 1 << (dropped - 1);
  } else {
    // Subnormal result: shift the mantissa with its implicit 1 right by the exponent deficit.
    const shift = dropped + 1 - e;
    // Below half the smallest subnormal (also float64 subnormals and zero): rounds to ±0.
    if (shift > 21) return sign;
    const full = mantHi | 0x100000;
    q = full >>> shift;
    rem = full & ((1 << shift) - 1);
    half = 1 << (shift - 1);
  }
  // The low word only acts as a sticky bit: any non-zero bit there breaks a tie upward.
  // A carry out of the mantissa bumps the exponent (and reaches Infinity) by itself.
  if (rem > half || (rem === half && (lo !== 0 || (q & 1) !== 0))) q += 1;
  return sign | q;
}

/**
 * The FP16 bits nearest to the float32 with bit pattern `b` (round to nearest, ties to even; NaN
 * made quiet, payload kept). Specialised for the common Float32Array input: one word, constant
 * field widths, about 1.7x faster than the float64-word path.
 */
export function float16BitsFromFloat32Bits(b: number): number {
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  const mant = b & 0x7fffff;
  if (exp === 0xff) return mant === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13);
  // Exponent bias 127 -> 15.
  const e = exp - 112;
  if (e >= 31) return sign | 0x7c00;
  let q: number;
  let rem: number;
  let half: number;
  if (e >= 1) {
    q = (e << 10) | (mant >>> 13);
    rem = mant & 0x1fff;
    half = 0x1000;
  } else {
    const shift = 14 - e;
    // Below half the smallest subnormal (float32 subnormals and zero included): ±0.
    if (shift > 24) return sign;
    const full = mant | 0x800000;
    q = full >>> shift;
    rem = full & ((1 << shift) - 1);
    half = 1 << (shift - 1);
  }
  if (rem > half || (rem === half && (q & 1) !== 0)) q += 1;
  return sign | q;
}

/** The number a 16-bit float's bits stand for (exact: every such value is a float64). */
export function smallFloatBitsToNumber(bits: number, expBits: number, mantBits: number): number {
  const negative = (bits & 0x8000) !== 0;
  const expMax = (1 << expBits) - 1;
  const e = (bits >>> mantBits) & expMax;
  const m = bits & ((1 << mantBits) - 1);
  const bias = (1 << (expBits - 1)) - 1;
  let v: number;
  if (e === expMax) {
    if (m !== 0) return Number.NaN;
    v = Number.POSITIVE_INFINITY;
  } else if (e === 0) {
    v = m * 2 ** (1 - bias - mantBits);
  } else {
    v = ((1 << mantBits) + m) * 2 ** (e - bias - mantBits);
  }
  return negative ? -v : v;
}
