import { describe, expect, it } from 'vitest';
import {
  decodeFloat16,
  encodeFloat16,
  float16BitsToFloat32,
  float32ToFloat16Bits,
} from '../../../src/tensors/float16.js';
import { float32FromBits, float64FromWords, nextDown64, nextUp64, xorshift } from './floatBits.js';

// Every FP16 pattern except NaNs, with its value.
const finiteAndInfinite: number[] = [];
for (let h = 0; h < 0x10000; h += 1) if ((h & 0x7c00) !== 0x7c00 || (h & 0x3ff) === 0) finiteAndInfinite.push(h);

describe('float32ToFloat16Bits', () => {
  it('encodes known values', () => {
    const cases: [number, number][] = [
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [65504, 0x7bff],
      [65519.99, 0x7bff],
      [65520, 0x7c00],
      [1e6, 0x7c00],
      [-1e6, 0xfc00],
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [2 ** -14, 0x0400],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000],
      [nextUp64(2 ** -25), 0x0001],
      [3 * 2 ** -25, 0x0002],
      [2 ** -14 - 2 ** -24, 0x03ff],
      [0, 0x0000],
      [-0, 0x8000],
      [-(2 ** -26), 0x8000],
      [Number.MIN_VALUE, 0x0000],
      [NaN, 0x7e00],
      [1 + 2 ** -11, 0x3c00],
      [1 + 3 * 2 ** -11, 0x3c02],
      [nextUp64(1 + 2 ** -11), 0x3c01],
      [nextDown64(1 + 3 * 2 ** -11), 0x3c01],
      [1 / 3, 0x3555],
    ];
    expect(cases.map(([x]) => float32ToFloat16Bits(x))).toEqual(cases.map(([, h]) => h));
  });

  it('rounds a float64 once, not through float32 (no double rounding)', () => {
    // float32(1 + 2^-11 + 2^-40) is exactly the tie 1 + 2^-11, which would round down to even.
    const x = 1 + 2 ** -11 + 2 ** -40;
    expect([float32ToFloat16Bits(x), ...encodeFloat16([x])]).toEqual([0x3c01, 0x3c01]);
    expect(Array.from(encodeFloat16(new Float32Array([x])))).toEqual([0x3c00]);
  });
});

describe('float16BitsToFloat32', () => {
  it('decodes known patterns', () => {
    expect([0x3c00, 0x7bff, 0x7c00, 0xfc00, 0x0001, 0x8000, 0x0400, 0x3555].map(float16BitsToFloat32)).toEqual([
      1, 65504, Infinity, -Infinity, 2 ** -24, -0, 2 ** -14, 0.333251953125,
    ]);
    expect(Number.isNaN(float16BitsToFloat32(0x7e00))).toBe(true);
    expect(Number.isNaN(float16BitsToFloat32(0xfc01))).toBe(true);
  });

  it('round-trips every non-NaN pattern through the scalar conversions', () => {
    const back = finiteAndInfinite.map((h) => float32ToFloat16Bits(float16BitsToFloat32(h)));
    expect(back).toEqual(finiteAndInfinite);
  });
});

describe('encodeFloat16 / decodeFloat16', () => {
  it('round-trips every non-NaN pattern through the bulk conversions (Float32Array and number[])', () => {
    const bits = Uint16Array.from(finiteAndInfinite);
    const values = decodeFloat16(bits);
    expect(Array.from(values)).toEqual(finiteAndInfinite.map(float16BitsToFloat32));
    expect(Array.from(encodeFloat16(values))).toEqual(finiteAndInfinite);
    expect(Array.from(encodeFloat16(Array.from(values)))).toEqual(finiteAndInfinite);
  });

  it('rounds every midpoint between neighbours to the even one, and off-midpoints to the nearer', () => {
    const mids: number[] = [];
    const expectMid: number[] = [];
    const above: number[] = [];
    const below: number[] = [];
    for (let h = 0; h < 0x7c00; h += 1) {
      const a = float16BitsToFloat32(h);
      const b = h === 0x7bff ? 65536 : float16BitsToFloat32(h + 1);
      const m = (a + b) / 2;
      mids.push(m, -m);
      const even = h % 2 === 0 ? h : h + 1;
      expectMid.push(even, even | 0x8000);
      above.push(h + 1);
      below.push(h);
    }
    expect(Array.from(encodeFloat16(mids))).toEqual(expectMid);
    expect(Array.from(encodeFloat16(new Float32Array(mids)))).toEqual(expectMid);
    expect(mids.map(float32ToFloat16Bits)).toEqual(expectMid);
    const positiveMids = mids.filter((_, i) => i % 2 === 0);
    // One float64 ulp either side of the tie decides it (the sticky low word in the bulk path).
    expect(Array.from(encodeFloat16(positiveMids.map(nextUp64)))).toEqual(above);
    expect(Array.from(encodeFloat16(positiveMids.map(nextDown64)))).toEqual(below);
    expect(positiveMids.map((m) => float32ToFloat16Bits(nextUp64(m)))).toEqual(above);
  });

  it('agrees between the Math, float64-word and float32-bit paths on random inputs', () => {
    const next = xorshift(12345);
    const f64: number[] = [];
    const f32: number[] = [];
    while (f64.length < 50000) {
      // Exponents concentrated around the FP16 range so subnormals, normals and overflow all occur.
      const hi = (next() & 0x800fffff) | ((1023 - 30 + (next() % 50)) << 20);
      f64.push(float64FromWords(hi, next()));
      const f = float32FromBits(next());
      if (!Number.isNaN(f)) f32.push(f);
    }
    expect(Array.from(encodeFloat16(f64))).toEqual(f64.map(float32ToFloat16Bits));
    expect(Array.from(encodeFloat16(new Float32Array(f32)))).toEqual(f32.map(float32ToFloat16Bits));
    expect(Array.from(encodeFloat16(f32))).toEqual(f32.map(float32ToFloat16Bits));
  });

  it('keeps NaN a quiet NaN, with its sign and payload in the bulk paths', () => {
    const nans = new Float32Array(new Uint32Array([0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000]).buffer);
    expect(Array.from(encodeFloat16(nans))).toEqual([0x7e00, 0xfe00, 0x7e00, 0x7f00]);
    expect(Array.from(encodeFloat16([NaN, -NaN]).map((h) => h & 0x7e00))).toEqual([0x7e00, 0x7e00]);
    const back = new Uint32Array(decodeFloat16(Uint16Array.from([0x7e00, 0xfe01, 0x7d00])).buffer);
    expect(Array.from(back)).toEqual([0x7fc00000, 0xffc02000, 0x7fa00000]);
  });

  it('decodes signed zeros and subnormals', () => {
    const out = decodeFloat16(Uint16Array.from([0x0000, 0x8000, 0x0001, 0x83ff, 0x0400]));
    expect(Array.from(out)).toEqual([0, -0, 2 ** -24, -(1023 * 2 ** -24), 2 ** -14]);
    expect(Object.is(out[1], -0)).toBe(true);
  });

  it('reads a Float32Array at a non-zero byteOffset', () => {
    const buf = new Float32Array([9, 1, 2, 9]);
    expect(Array.from(encodeFloat16(buf.subarray(1, 3)))).toEqual([0x3c00, 0x4000]);
    expect(Array.from(encodeFloat16(new Float64Array([9, 1, 2]).subarray(1)))).toEqual([0x3c00, 0x4000]);
  });
});
