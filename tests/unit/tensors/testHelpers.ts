/**
 * Test helpers: capturing an OvmsError, and hex <-> bytes for whole-value byte assertions.
 */
import { OvmsError } from '../../../src/errors/OvmsError.js';

/** The OvmsError `fn` throws; fails the test if it returns or throws anything else. */
export function captureError(fn: () => unknown): OvmsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof OvmsError) return e;
    throw new Error(`expected an OvmsError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected the call to throw');
}

/** The bytes of `u` as a lowercase hex string, for whole-value byte assertions. */
export function hex(u: Uint8Array): string {
  return Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The bytes a hex string spells. */
export function fromHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = Number.parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
