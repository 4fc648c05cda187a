import { describe, expect, it } from 'vitest';
import { isOvmsErrorReason } from '../../../src/errors/OvmsError.js';
import { float32FromBase64 } from '../../../src/protocols/openai/float32FromBase64.js';
import { float32FromLittleEndian } from '../../../src/protocols/openai/float32FromLittleEndian.js';

const le = (values: readonly number[]): Uint8Array => {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return new Uint8Array(view.buffer);
};

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('float32FromLittleEndian', () => {
  it('is a view over aligned bytes', () => {
    const bytes = le([1, -2, 0.5]);
    const out = float32FromLittleEndian(bytes);
    expect(out).toEqual(new Float32Array([1, -2, 0.5]));
    expect(out.buffer).toBe(bytes.buffer);
  });

  it('copies bytes at an odd offset (a Float32Array cannot start there)', () => {
    const backing = new Uint8Array(13);
    backing.set(le([3.25, -7, 1e-3]), 1);
    const view = backing.subarray(1);
    const out = float32FromLittleEndian(view);
    expect(out).toEqual(new Float32Array([3.25, -7, 1e-3]));
    expect(out.buffer).not.toBe(backing.buffer);
  });

  it('rejects a length that is not a multiple of 4', () => {
    expect(isOvmsErrorReason(errorOf(() => float32FromLittleEndian(new Uint8Array(6))), 'Decode')).toBe(true);
  });
});

describe('float32FromBase64', () => {
  it('decodes base64 little-endian float32 (as OVMS sends with encoding_format base64)', () => {
    expect(float32FromBase64('AAAAPwAAgL4AAAA+AACAPw==')).toEqual(new Float32Array([0.5, -0.25, 0.125, 1]));
    expect(float32FromBase64('')).toEqual(new Float32Array(0));
  });

  it('rejects text that is not base64 or not whole float32 values', () => {
    for (const bad of ['***', 'AAAAA', 'AAE=']) expect(isOvmsErrorReason(errorOf(() => float32FromBase64(bad)), 'Decode'), bad).toBe(true);
  });
});
