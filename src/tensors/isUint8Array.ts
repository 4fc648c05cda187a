/**
 * Realm-independent Uint8Array detection (Node's Buffer counts: it is a Uint8Array).
 */

/** True when `x` is a `Uint8Array` (or a subclass such as Buffer), from any realm. */
export function isUint8Array(x: unknown): x is Uint8Array {
  return Object.prototype.toString.call(x) === '[object Uint8Array]';
}
