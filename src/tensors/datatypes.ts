/**
 * The KServe v2 tensor datatypes and their fixed facts (element size, float or not).
 */

/** A KServe v2 tensor datatype, as OVMS names it in metadata, requests and responses. */
export type Datatype =
  | 'BOOL'
  | 'UINT8'
  | 'UINT16'
  | 'UINT32'
  | 'UINT64'
  | 'INT8'
  | 'INT16'
  | 'INT32'
  | 'INT64'
  | 'FP16'
  | 'BF16'
  | 'FP32'
  | 'FP64'
  | 'BYTES';

/** Every {@link Datatype}, in the order the KServe v2 specification lists them. */
// A plain literal rather than Object.freeze(...): a top-level call would be an import-time side
// effect; the `readonly` type already stops callers from mutating it.
export const DATATYPES: readonly Datatype[] = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'BF16',
  'FP32',
  'FP64',
  'BYTES',
];

// Bytes per element in the binary tensor format; BYTES has no fixed size (length-prefixed).
const ELEMENT_SIZE: Readonly<Record<Exclude<Datatype, 'BYTES'>, number>> = {
  BOOL: 1,
  UINT8: 1,
  INT8: 1,
  UINT16: 2,
  INT16: 2,
  FP16: 2,
  BF16: 2,
  UINT32: 4,
  INT32: 4,
  FP32: 4,
  UINT64: 8,
  INT64: 8,
  FP64: 8,
};

/** True when `x` is one of the {@link DATATYPES} strings (case-sensitive, as the protocol is). */
export function isDatatype(x: unknown): x is Datatype {
  return typeof x === 'string' && (DATATYPES as readonly string[]).includes(x);
}

/**
 * The size in bytes of one element of `dt` in the binary tensor format, or `undefined` for
 * `BYTES`, whose elements are variable-length (4-byte length prefix + content).
 */
export function elementSize(dt: Datatype): number | undefined {
  return dt === 'BYTES' ? undefined : ELEMENT_SIZE[dt];
}

/** True for the floating-point datatypes: FP16, BF16, FP32 and FP64. */
export function isFloatDatatype(dt: Datatype): boolean {
  return dt === 'FP16' || dt === 'BF16' || dt === 'FP32' || dt === 'FP64';
}
