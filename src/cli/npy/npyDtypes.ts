import type { Datatype } from '../../tensors/datatypes.js';

/** How one numpy dtype maps onto a KServe datatype. */
export interface NpyDtype {
  /** The `descr` written for it (numpy writes `|` for one-byte types). */
  readonly descr: string;
  readonly datatype: Datatype;
  readonly bytes: number;
}

/**
 * The dtypes the codec reads, keyed by numpy's `descr`. One-byte types are accepted with `|` (what
 * numpy writes) and `<` (what hand-written headers sometimes say); `<f2` reads as FP16 (widened to
 * float32, as the library decodes FP16 outputs).
 */
export const NPY_DTYPES: Readonly<Record<string, NpyDtype>> = /*#__PURE__*/ Object.freeze({
  '|b1': { descr: '|b1', datatype: 'BOOL', bytes: 1 },
  '<b1': { descr: '|b1', datatype: 'BOOL', bytes: 1 },
  '|i1': { descr: '|i1', datatype: 'INT8', bytes: 1 },
  '<i1': { descr: '|i1', datatype: 'INT8', bytes: 1 },
  '|u1': { descr: '|u1', datatype: 'UINT8', bytes: 1 },
  '<u1': { descr: '|u1', datatype: 'UINT8', bytes: 1 },
  '<i2': { descr: '<i2', datatype: 'INT16', bytes: 2 },
  '<u2': { descr: '<u2', datatype: 'UINT16', bytes: 2 },
  '<i4': { descr: '<i4', datatype: 'INT32', bytes: 4 },
  '<u4': { descr: '<u4', datatype: 'UINT32', bytes: 4 },
  '<i8': { descr: '<i8', datatype: 'INT64', bytes: 8 },
  '<u8': { descr: '<u8', datatype: 'UINT64', bytes: 8 },
  '<f2': { descr: '<f2', datatype: 'FP16', bytes: 2 },
  '<f4': { descr: '<f4', datatype: 'FP32', bytes: 4 },
  '<f8': { descr: '<f8', datatype: 'FP64', bytes: 8 },
});

/** The `descr` written for each datatype; FP16 and BF16 data is decoded to float32, so it is written as `<f4`. */
export const DATATYPE_DESCR: Readonly<Partial<Record<Datatype, string>>> = /*#__PURE__*/ Object.freeze({
  BOOL: '|b1',
  INT8: '|i1',
  UINT8: '|u1',
  INT16: '<i2',
  UINT16: '<u2',
  INT32: '<i4',
  UINT32: '<u4',
  INT64: '<i8',
  UINT64: '<u8',
  FP16: '<f4',
  BF16: '<f4',
  FP32: '<f4',
  FP64: '<f8',
});
