import { describe, expect, it } from 'vitest';
import { DATATYPES, elementSize, isDatatype, isFloatDatatype } from '../../../src/tensors/datatypes.js';

describe('datatypes', () => {
  it('lists the 14 KServe datatypes', () => {
    expect(DATATYPES).toEqual([
      'BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'BF16', 'FP32', 'FP64', 'BYTES',
    ]);
  });

  it('recognises datatypes case-sensitively', () => {
    expect(DATATYPES.every(isDatatype)).toBe(true);
    expect([isDatatype('fp32'), isDatatype('FLOAT'), isDatatype(32), isDatatype(undefined)]).toEqual([false, false, false, false]);
  });

  it('gives element sizes, undefined for BYTES', () => {
    expect(Object.fromEntries(DATATYPES.map((d) => [d, elementSize(d)]))).toEqual({
      BOOL: 1, UINT8: 1, UINT16: 2, UINT32: 4, UINT64: 8, INT8: 1, INT16: 2, INT32: 4, INT64: 8,
      FP16: 2, BF16: 2, FP32: 4, FP64: 8, BYTES: undefined,
    });
  });

  it('knows the float datatypes', () => {
    expect(DATATYPES.filter(isFloatDatatype)).toEqual(['FP16', 'BF16', 'FP32', 'FP64']);
  });
});
