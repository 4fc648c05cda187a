/**
 * JSON text of `value`, indented by default, where `JSON.stringify` alone would fail or lose
 * data: a bigint becomes a number when it is a safe integer and a decimal string otherwise, a typed
 * array a plain array, `NaN` and infinities `null`.
 *
 * @param value - Any JSON-like value.
 * @param indent - Spaces per level; 0 for one line.
 * @returns The text, without a trailing newline.
 */
export function toJsonText(value: unknown, indent = 2): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<unknown>);
      return v;
    },
    indent,
  );
}
