const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The byte offset just past the top-level JSON object that starts `bytes` (after optional
 * whitespace), or undefined when the bytes do not start with a complete object.
 *
 * Why: a binary infer response is a JSON header followed by raw tensor bytes, and its length comes
 * in the `inference-header-content-length` response header (rest-api.md §4.5). OVMS sends no
 * `Access-Control-Expose-Headers`, so a page on another origin cannot read that header; the
 * header's end is then found by scanning. Multi-byte UTF-8 bytes are all >= 0x80, so they can never
 * be mistaken for the ASCII braces, brackets, quotes and backslashes counted here.
 */
export function jsonObjectEnd(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] !== OPEN_BRACE) return undefined;
  let depth = 0;
  let inString = false;
  for (; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth++;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}
