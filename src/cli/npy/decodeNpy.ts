import { invalidInput } from '../../errors/OvmsError.js';
import { isLittleEndian, swapByteOrder } from '../../tensors/byteOrder.js';
import { decodeFloat16 } from '../../tensors/float16.js';
import type { NpyArray, NpyData } from './NpyArray.js';
import { NPY_DTYPES } from './npyDtypes.js';
import { parseNpyHeader } from './parseNpyHeader.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/**
 * Reads a NumPy `.npy` file (format versions 1.0, 2.0 and 3.0; numpy `lib/format.py`): a
 * little-endian number or `|b1` array in C order.
 *
 * @param bytes - The whole file.
 * @returns The array with its KServe datatype and shape; the data is a copy, aligned for its type.
 * @throws {OvmsError} `InvalidInput` (field `npy`): not a `.npy` file, a big-endian, structured,
 *   object or string dtype, Fortran order, or a data size that does not match the shape.
 */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, k) => bytes[k] !== b)) throw invalidInput('npy', 'not a .npy file (no \\x93NUMPY magic)');
  const major = bytes[6] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerStart = 10;
    headerLength = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw invalidInput('npy', 'truncated header');
    headerStart = 12;
    headerLength = view.getUint32(8, true);
  } else {
    throw invalidInput('npy', `unsupported format version ${major}.${String(bytes[7])}`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw invalidInput('npy', 'truncated header');
  // Versions 1 and 2 are latin-1, version 3 is UTF-8; a valid header is ASCII either way.
  const header = parseNpyHeader(new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart)));
  const dtype = NPY_DTYPES[header.descr];
  if (dtype === undefined) {
    const hint = header.descr.startsWith('>') ? ' (big-endian: save with arr.astype(arr.dtype.newbyteorder("<")))' : '';
    throw invalidInput('npy', `unsupported dtype '${header.descr}'${hint}; expected one of ${Object.keys(NPY_DTYPES).join(' ')}`);
  }
  if (header.fortranOrder && header.shape.filter((d) => d > 1).length > 1) {
    throw invalidInput('npy', 'Fortran-order arrays are not supported: save with np.ascontiguousarray(arr)');
  }
  const count = header.shape.reduce((a, b) => a * b, 1);
  const byteLength = count * dtype.bytes;
  if (bytes.length - dataStart !== byteLength) {
    throw invalidInput('npy', `shape (${header.shape.join(', ')}) of ${header.descr} needs ${byteLength} data bytes, the file has ${bytes.length - dataStart}`);
  }
  // A copy into a fresh ArrayBuffer: aligned for the typed array whatever the file's offset, and not
  // Buffer.slice(), which returns a view of a possibly larger (pooled) buffer.
  const copy = new Uint8Array(byteLength);
  copy.set(bytes.subarray(dataStart, dataStart + byteLength));
  if (!isLittleEndian()) swapByteOrder(copy, dtype.bytes);
  const raw = copy.buffer;
  const data = typed(dtype.datatype, raw, count);
  return { descr: dtype.descr, datatype: dtype.datatype, shape: header.shape, data };
}

function typed(datatype: string, raw: ArrayBuffer, count: number): NpyData {
  switch (datatype) {
    case 'BOOL':
      return Array.from(new Uint8Array(raw), (b) => b !== 0);
    case 'INT8':
      return new Int8Array(raw);
    case 'UINT8':
      return new Uint8Array(raw);
    case 'INT16':
      return new Int16Array(raw);
    case 'UINT16':
      return new Uint16Array(raw);
    case 'INT32':
      return new Int32Array(raw);
    case 'UINT32':
      return new Uint32Array(raw);
    case 'INT64':
      return new BigInt64Array(raw);
    case 'UINT64':
      return new BigUint64Array(raw);
    case 'FP16':
      return decodeFloat16(new Uint16Array(raw, 0, count));
    case 'FP32':
      return new Float32Array(raw);
    default:
      return new Float64Array(raw);
  }
}
