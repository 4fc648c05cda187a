import { decodeError } from '../../errors/OvmsError.js';
import { float32FromLittleEndian } from './float32FromLittleEndian.js';

/**
 * Decodes an embedding sent with `encoding_format: "base64"`: base64 of little-endian float32
 * values (rest-api.md §5.3). Uses the platform's `atob`, present in browsers and Node 16+.
 *
 * @param text - The base64 text.
 * @returns The vector.
 * @throws {OvmsError} `Decode` for text that is not base64 or not a whole number of float32 values.
 */
export function float32FromBase64(text: string): Float32Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch (error) {
    throw decodeError('an embedding is not valid base64', error);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return float32FromLittleEndian(bytes);
}
