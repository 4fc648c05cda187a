/**
 * Small helpers to allocate and read server tensors.
 */
import type { Datatype } from '../../tensors/index.js';
import type { Dim, ServerTensorData, TensorSpec } from './ServableDefinition.js';

/** A zeroed data container of `n` elements for `datatype`. */
export function allocData(datatype: Datatype, n: number): ServerTensorData {
  switch (datatype) {
    case 'BOOL':
      return new Array<boolean>(n).fill(false);
    case 'UINT8':
      return new Uint8Array(n);
    case 'UINT16':
      return new Uint16Array(n);
    case 'UINT32':
      return new Uint32Array(n);
    case 'UINT64':
      return new BigUint64Array(n);
    case 'INT8':
      return new Int8Array(n);
    case 'INT16':
      return new Int16Array(n);
    case 'INT32':
      return new Int32Array(n);
    case 'INT64':
      return new BigInt64Array(n);
    case 'FP64':
      return new Float64Array(n);
    case 'BYTES':
      return new Array<Uint8Array>(n).fill(new Uint8Array(0));
    default:
      // FP16, BF16 and FP32 are computed in float32; FP16/BF16 are rounded when encoded.
      return new Float32Array(n);
  }
}

/** The number of elements of a concrete shape (1 for a scalar `[]`). */
export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Element `i` of numeric data as a number (bigints converted, booleans as 0/1, BYTES as length). */
export function numberAt(data: ServerTensorData, i: number): number {
  const v = data[i];
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Uint8Array) return v.length;
  return v ?? 0;
}

/** A spec with a new name (identity-like servables). */
export function renamed(spec: TensorSpec, name: string): TensorSpec {
  return { name, datatype: spec.datatype, shape: spec.shape };
}

/** A spec with its first dimension replaced (batch). */
export function withBatch(shape: readonly Dim[], batch: Dim): Dim[] {
  return shape.length === 0 ? [] : [batch, ...shape.slice(1)];
}
