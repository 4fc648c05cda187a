import { describe, expect, it } from 'vitest';
import {
  bfloat16BitsToFloat32,
  decodeBfloat16,
  encodeBfloat16,
  float32ToBfloat16Bits,
} from '../../../src/tensors/bfloat16.js';
import { float32FromBits, float64FromWords, nextDown64, nextUp64, xorshift } from './floatBits.js';

const F32_MAX = float32FromBits(0x7f7fffff);
const BF16_MAX = float32FromBits(0x7f7f0000);

const nonNaN: number[] = [];
for (let h = 0; h < 0x10000; h += 1) if ((h & 0x7f80) !== 0x7f80 || (h & 0x7f) === 0) nonNaN.push(h);

describe('float32ToBfloat16Bits', () => {
  it('encodes known values', () => {
    const cases: [number, number][] = [
      [1, 0x3f80],
      [-2, 0xc000],
      [Math.PI, 0x4049],
      [BF16_MAX, 0x7f7f],
      [F32_MAX, 0x7f80],
      [1e39, 0x7f80],
      [-Infinity, 0xff80],
      [2 ** -126, 0x0080],
      [2 ** -133, 0x0001],
      [2 ** -134, 0x0000],
      [3 * 2 ** -134, 0x0002],
      [-0, 0x8000],
      [NaN, 0x7fc0],
      [1 + 2 ** -8, 0x3f80],
      [1 + 3 * 2 ** -8, 0x3f82],
      [nextUp64(1 + 2 ** -8), 0x3f81],
      [nextDown64(1 + 3 * 2 ** -8), 0x3f81],
    ];
    expect(cases.map(([x]) => float32ToBfloat16Bits(x))).toEqual(cases.map(([, h]) => h));
    expect(Array.from(encodeBfloat16(cases.map(([x]) => x)))).toEqual(cases.map(([, h]) => h));
    // Through a Float32Array: 1e39 becomes Infinity (same result); the last two cases sit one
    // float64 ulp off a tie, which float32 cannot hold, so they are left out there.
    const f32Cases = cases.slice(0, -2);
    expect(Array.from(encodeBfloat16(new Float32Array(f32Cases.map(([x]) => x))))).toEqual(f32Cases.map(([, h]) => h));
  });

  it('rounds a float64 once, not through float32 (no double rounding)', () => {
    const x = 1 + 2 ** -8 + 2 ** -40;
    expect([float32ToBfloat16Bits(x), ...encodeBfloat16([x])]).toEqual([0x3f81, 0x3f81]);
  });

  it('decodes patterns as the top half of a float32', () => {
    expect([0x3f80, 0x4049, 0x7f80, 0xff80, 0x0001, 0x8000].map(bfloat16BitsToFloat32)).toEqual([
      1, 3.140625, Infinity, -Infinity, 2 ** -133, -0,
    ]);
    expect(Number.isNaN(bfloat16BitsToFloat32(0x7fc0))).toBe(true);
  });
});

describe('encodeBfloat16 / decodeBfloat16', () => {
  it('round-trips every non-NaN pattern through scalar and bulk paths', () => {
    const values = decodeBfloat16(Uint16Array.from(nonNaN));
    expect(Array.from(values)).toEqual(nonNaN.map(bfloat16BitsToFloat32));
    expect(Array.from(encodeBfloat16(values))).toEqual(nonNaN);
    expect(Array.from(encodeBfloat16(Array.from(values)))).toEqual(nonNaN);
    expect(Array.from(values, float32ToBfloat16Bits)).toEqual(nonNaN);
  });

  it('rounds midpoints to even on all paths', () => {
    const mids: number[] = [];
    const even: number[] = [];
    for (let h = 0; h < 0x7f7f; h += 7) {
      const m = (bfloat16BitsToFloat32(h) + bfloat16BitsToFloat32(h + 1)) / 2;
      mids.push(m);
      even.push(h % 2 === 0 ? h : h + 1);
    }
    expect(Array.from(encodeBfloat16(new Float32Array(mids)))).toEqual(even);
    expect(Array.from(encodeBfloat16(mids))).toEqual(even);
    expect(mids.map(float32ToBfloat16Bits)).toEqual(even);
  });

  it('agrees between the Math, float64-word and float32-bit paths on random inputs', () => {
    const next = xorshift(987654);
    const f64: number[] = [];
    const f32: number[] = [];
    while (f64.length < 50000) {
      const hi = (next() & 0x800fffff) | ((1023 - 140 + (next() % 275)) << 20);
      f64.push(float64FromWords(hi, next()));
      const f = float32FromBits(next());
      if (!Number.isNaN(f)) f32.push(f);
    }
    expect(Array.from(encodeBfloat16(f64))).toEqual(f64.map(float32ToBfloat16Bits));
    expect(Array.from(encodeBfloat16(new Float32Array(f32)))).toEqual(f32.map(float32ToBfloat16Bits));
  });

  it('keeps NaN quiet with sign and payload in the bulk float32 path', () => {
    const nans = new Float32Array(new Uint32Array([0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa50000]).buffer);
    expect(Array.from(encodeBfloat16(nans))).toEqual([0x7fc0, 0xffc0, 0x7fc0, 0x7fe5]);
    expect(Array.from(new Uint32Array(decodeBfloat16(Uint16Array.from([0xffc1])).buffer))).toEqual([0xffc10000]);
  });
});
