import type { Datatype } from '../../tensors/datatypes.js';

const NAMES: Readonly<Record<Datatype, string>> = {
  BOOL: 'BOOL', UINT8: 'U8', UINT16: 'U16', UINT32: 'U32', UINT64: 'U64', INT8: 'I8', INT16: 'I16', INT32: 'I32', INT64: 'I64',
  FP16: 'FP16', BF16: 'BF16', FP32: 'FP32', FP64: 'FP64', BYTES: 'STRING',
};

/**
 * OVMS's own name of a precision: its validation messages print "Expected" with these and "Actual"
 * with the KServe datatype (rest-api.md §4.6), and ours say it the same way.
 */
export function ovmsPrecisionName(datatype: Datatype): string {
  return NAMES[datatype];
}
