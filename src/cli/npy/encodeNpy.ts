import { invalidInput } from '../../errors/OvmsError.js';
import { littleEndianBytes } from '../../tensors/byteOrder.js';
import type { Datatype } from '../../tensors/datatypes.js';
import type { TensorOutputData, TypedArray } from '../../tensors/types.js';
import { DATATYPE_DESCR, NPY_DTYPES } from './npyDtypes.js';

/**
 * Writes a tensor as a NumPy `.npy` file in C order: format 1.0, or 2.0 when the header outgrows
 * 1.0's 16-bit length (numpy `lib/format.py`). The header is padded with spaces and a newline so
 * that the data starts at a multiple of 64 bytes, as numpy does since 1.x for memory-mapping.
 *
 * @param tensor - Datatype, shape and flat data (as the library decodes outputs: FP16/BF16 as
 *   float32, INT64 as `BigInt64Array`, BOOL as booleans).
 * @returns The file's bytes.
 * @throws {OvmsError} `InvalidInput` (field `npy`) for BYTES (write JSON instead) or a data length
 *   that does not match the shape.
 */
export function encodeNpy(tensor: { readonly datatype: Datatype; readonly shape: readonly number[]; readonly data: TensorOutputData | TypedArray }): Uint8Array {
  const descr = DATATYPE_DESCR[tensor.datatype];
  if (descr === undefined) throw invalidInput('npy', `${tensor.datatype} tensors cannot be written as .npy; use JSON`);
  const count = tensor.shape.reduce((a, b) => a * b, 1);
  if (tensor.data.length !== count) throw invalidInput('npy', `data has ${tensor.data.length} elements, shape [${tensor.shape.join(', ')}] needs ${count}`);
  const body = dataBytes(tensor.datatype, tensor.data);

  const shape = tensor.shape.length === 1 ? `(${String(tensor.shape[0])},)` : `(${tensor.shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const padded = (prefix: number): number => Math.ceil((prefix + dict.length + 1) / 64) * 64;
  const prefix = padded(10) - 10 <= 0xffff ? 10 : 12;
  const total = padded(prefix);
  const header = dict + ' '.repeat(total - prefix - dict.length - 1) + '\n';

  const out = new Uint8Array(total + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, prefix === 10 ? 1 : 2, 0]);
  const view = new DataView(out.buffer);
  if (prefix === 10) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let k = 0; k < header.length; k += 1) out[prefix + k] = header.charCodeAt(k);
  out.set(body, total);
  return out;
}

function dataBytes(datatype: Datatype, data: TensorOutputData | TypedArray): Uint8Array {
  if (datatype === 'BOOL') return Uint8Array.from(data as ArrayLike<unknown>, (b) => (b === true || b === 1 ? 1 : 0));
  if (datatype === 'FP16' || datatype === 'BF16') return littleEndianBytes(Float32Array.from(data as ArrayLike<number>));
  const size = NPY_DTYPES[DATATYPE_DESCR[datatype] as string]?.bytes;
  if (!ArrayBuffer.isView(data) || (data as TypedArray).BYTES_PER_ELEMENT !== size) {
    throw invalidInput('npy', `expected a typed array of ${String(size)}-byte elements for ${datatype}`);
  }
  return littleEndianBytes(data as TypedArray);
}
