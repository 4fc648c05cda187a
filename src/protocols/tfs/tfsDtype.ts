import type { Datatype } from '../../tensors/datatypes.js';

/**
 * TensorFlow `DataType` names as OVMS writes them in TFS metadata (rest-api.md §2), with the KServe
 * datatype of the same tensor (§4.7). OVMS maps each OpenVINO precision to exactly one of these.
 */
const DTYPE_TO_DATATYPE: Readonly<Record<string, Datatype>> = {
  DT_BOOL: 'BOOL',
  DT_UINT8: 'UINT8',
  DT_UINT16: 'UINT16',
  DT_UINT32: 'UINT32',
  DT_UINT64: 'UINT64',
  DT_INT8: 'INT8',
  DT_INT16: 'INT16',
  DT_INT32: 'INT32',
  DT_INT64: 'INT64',
  DT_HALF: 'FP16',
  DT_BFLOAT16: 'BF16',
  DT_FLOAT: 'FP32',
  DT_DOUBLE: 'FP64',
  DT_STRING: 'BYTES',
};

/**
 * The KServe datatype of a TensorFlow dtype: `DT_FLOAT` → `FP32`, `DT_HALF` → `FP16`,
 * `DT_INT64` → `INT64`, `DT_STRING` → `BYTES`, …. A dtype without a KServe counterpart
 * (`DT_INVALID`, complex, quantized, resource types) becomes `INVALID`, the word OVMS's KServe
 * metadata uses for tensors it cannot type (rest-api.md §4.2), so callers skip checks on it.
 *
 * @param dtype - A TensorFlow `DataType` enum name, e.g. `DT_FLOAT`.
 * @returns The KServe datatype, or `INVALID`.
 * @example
 * ```ts
 * tfsDtypeToDatatype('DT_HALF'); // 'FP16'
 * ```
 */
export function tfsDtypeToDatatype(dtype: string): Datatype | 'INVALID' {
  return Object.prototype.hasOwnProperty.call(DTYPE_TO_DATATYPE, dtype) ? (DTYPE_TO_DATATYPE[dtype] as Datatype) : 'INVALID';
}

/**
 * The TensorFlow dtype OVMS reports for a KServe datatype (the inverse of {@link tfsDtypeToDatatype}).
 *
 * @param datatype - A KServe datatype.
 * @returns The `DT_…` name.
 * @example
 * ```ts
 * datatypeToTfsDtype('BYTES'); // 'DT_STRING'
 * ```
 */
export function datatypeToTfsDtype(datatype: Datatype): string {
  for (const [dtype, d] of Object.entries(DTYPE_TO_DATATYPE)) if (d === datatype) return dtype;
  return 'DT_INVALID';
}
