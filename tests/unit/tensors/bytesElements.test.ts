import { describe, expect, it } from 'vitest';
import { decodeBytesElements } from '../../../src/tensors/decodeBytesElements.js';
import { encodeBytesElements } from '../../../src/tensors/encodeBytesElements.js';
import { captureError, fromHex, hex } from './testHelpers.js';

describe('encodeBytesElements', () => {
  it('writes the KServe fixture "Hello","12" as 15 length-prefixed bytes', () => {
    expect(hex(encodeBytesElements(['Hello', '12']))).toBe('0500000048656c6c6f020000003132');
  });

  it('encodes strings as UTF-8 and takes raw bytes and empty elements', () => {
    expect(hex(encodeBytesElements(['é', new Uint8Array([0, 255]), '']))).toBe('02000000c3a9' + '0200000000ff' + '00000000');
  });

  it('rejects elements that are neither strings nor Uint8Arrays', () => {
    const e = captureError(() => encodeBytesElements(['a', 3 as never]));
    expect(e.reason).toEqual({ _tag: 'InvalidInput', field: 'data' });
    expect(e.message).toBe('data: BYTES elements must be strings or Uint8Arrays; element 1 is 3');
  });
});

describe('decodeBytesElements', () => {
  it('splits the fixture into views over the same buffer', () => {
    const bytes = fromHex('0500000048656c6c6f020000003132');
    const out = decodeBytesElements(bytes, 2);
    expect(out.map((e) => new TextDecoder().decode(e))).toEqual(['Hello', '12']);
    expect(out.map((e) => [e.buffer === bytes.buffer, e.byteOffset, e.length])).toEqual([
      [true, 4, 5],
      [true, 13, 2],
    ]);
  });

  it('decodes zero elements from zero bytes', () => {
    expect(decodeBytesElements(new Uint8Array(0), 0)).toEqual([]);
  });

  it('fails on a truncated length prefix, a length past the end, or a wrong count', () => {
    const messages = [
      () => decodeBytesElements(fromHex('050000004865')),
      () => decodeBytesElements(fromHex('0100000041ff00')),
      () => decodeBytesElements(fromHex('0500000048656c6c6f020000003132'), 3),
    ].map((f) => {
      const e = captureError(f);
      return [e.reason._tag, e.message];
    });
    expect(messages).toEqual([
      ['Decode', 'BYTES element 0: length 5 at byte 0 runs past the end (2 bytes left)'],
      ['Decode', 'BYTES element 1: length prefix truncated at byte 5 of 7'],
      ['Decode', 'expected 3 BYTES elements, found 2 in 15 bytes'],
    ]);
  });
});
