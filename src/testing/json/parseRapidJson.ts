/**
 * A JSON parser that fails like rapidjson, the parser OVMS uses for REST bodies and config.json,
 * so 412 answers carry OVMS's exact text: `The file is not valid json - Error: <msg> Offset: <n>`
 * (rest-api.md §1.3, §2 "Predict", fixtures F16, F52, F53).
 *
 * Numbers are kept as their source text ({@link JsonNumber}) because OVMS decides by the JSON
 * token, not the value: `1.0` is not an integer for an INT32 input (rest-api.md §4.3), and INT64 /
 * UINT64 values beyond 2^53 must stay exact. Objects are `Map`s (first duplicate key wins, as
 * rapidjson's `FindMember` does).
 */

/** A JSON number token, kept as written. */
export interface JsonNumber {
  readonly $number: string;
}

/** A parsed JSON value. */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

/** A parsed JSON object, in source order. */
export type JsonObject = Map<string, JsonValue>;

/** The outcome of {@link parseRapidJson}. */
export type ParseResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly message: string; readonly offset: number };

/** True when `v` is a JSON number token. */
export function isJsonNumber(v: unknown): v is JsonNumber {
  return typeof v === 'object' && v !== null && !(v instanceof Map) && !Array.isArray(v) && '$number' in v;
}

/** True when `v` is a JSON object. */
export function isJsonObject(v: unknown): v is JsonObject {
  return v instanceof Map;
}

/** True when the number token is written as an integer (no fraction, no exponent), like rapidjson's `IsInt64`/`IsUint64`. */
export function isIntegerToken(n: JsonNumber): boolean {
  return !/[.eE]/.test(n.$number);
}

/** The numeric value of a number token. */
export function numberValue(n: JsonNumber): number {
  return Number(n.$number);
}

/** The exact integer value of an integer token. */
export function bigintValue(n: JsonNumber): bigint {
  return BigInt(n.$number);
}

/** The maximum nesting depth of `v` (a scalar has depth 0, `[]` depth 1). */
export function jsonDepth(v: JsonValue): number {
  if (Array.isArray(v)) {
    let d = 0;
    for (const x of v) d = Math.max(d, jsonDepth(x));
    return d + 1;
  }
  if (v instanceof Map) {
    let d = 0;
    for (const x of v.values()) d = Math.max(d, jsonDepth(x));
    return d + 1;
  }
  return 0;
}

/** Converts a parsed value to plain JS (numbers as `number`), for config files and small bodies. */
export function toPlain(v: JsonValue): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) Object.defineProperty(o, k, { value: toPlain(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (isJsonNumber(v)) return numberValue(v);
  return v;
}

// Parse failure carrying rapidjson's message (src: rapidjson/error/en.h) and character offset.
interface Fail {
  readonly message: string;
  readonly at: number;
}

const MSG = {
  empty: 'The document is empty.',
  notSingular: 'The document root must not be followed by other values.',
  invalid: 'Invalid value.',
  missName: 'Missing a name for object member.',
  missColon: 'Missing a colon after a name of object member.',
  missCommaCurly: "Missing a comma or '}' after an object member.",
  missCommaSquare: "Missing a comma or ']' after an array element.",
  badHex: 'Incorrect hex digit after \\u escape in string.',
  badSurrogate: 'The surrogate pair in string is invalid.',
  badEscape: 'Invalid escape character in string.',
  missQuote: 'Missing a closing quotation mark in string.',
  badEncoding: 'Invalid encoding in string.',
  tooBig: 'Number too big to be stored in double.',
  missFraction: 'Miss fraction part in number.',
  missExponent: 'Miss exponent in number.',
} as const;

/**
 * Parses `input` (a UTF-8 buffer or a string) with rapidjson's default flags: no comments, no
 * trailing commas, no NaN; a scalar root is allowed. On failure `offset` is a byte offset, as
 * rapidjson reports it.
 */
export function parseRapidJson(input: string | Uint8Array): ParseResult {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  let i = 0;
  const n = text.length;
  const fail = (message: string, at: number): never => {
    throw { message, at } satisfies Fail;
  };
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i += 1;
      else break;
    }
  };
  const literal = (word: string, value: JsonValue): JsonValue => {
    i += 1;
    for (let k = 1; k < word.length; k += 1) {
      if (text[i] !== word[k]) fail(MSG.invalid, i);
      i += 1;
    }
    return value;
  };
  const hex4 = (): number => {
    let v = 0;
    for (let k = 0; k < 4; k += 1) {
      const c = text[i];
      const d = c === undefined ? -1 : parseInt(c, 16);
      if (c === undefined || Number.isNaN(d) || !/[0-9a-fA-F]/.test(c)) fail(MSG.badHex, i);
      v = v * 16 + d;
      i += 1;
    }
    return v;
  };
  const str = (): string => {
    i += 1;
    let out = '';
    for (;;) {
      if (i >= n) return fail(MSG.missQuote, i);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i += 1;
        return out;
      }
      if (c === 0x5c) {
        const escAt = i;
        i += 1;
        const e = text[i];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 1;
        } else if (e === 'u') {
          i += 1;
          let cp = hex4();
          if (cp >= 0xd800 && cp <= 0xdbff) {
            if (text[i] !== '\\' || text[i + 1] !== 'u') fail(MSG.badSurrogate, i);
            i += 2;
            const lo = hex4();
            if (lo < 0xdc00 || lo > 0xdfff) fail(MSG.badSurrogate, i);
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          }
          out += String.fromCodePoint(cp);
        } else {
          fail(MSG.badEscape, escAt);
        }
        continue;
      }
      if (c < 0x20) fail(c === 0 ? MSG.missQuote : MSG.badEncoding, i);
      out += text[i];
      i += 1;
    }
  };
  const digit = (k: number): boolean => {
    const c = text.charCodeAt(k);
    return c >= 0x30 && c <= 0x39;
  };
  const num = (): JsonValue => {
    const start = i;
    if (text[i] === '-') i += 1;
    if (text[i] === '0') i += 1;
    else if (digit(i)) while (digit(i)) i += 1;
    else fail(MSG.invalid, i);
    if (text[i] === '.') {
      i += 1;
      if (!digit(i)) fail(MSG.missFraction, i);
      while (digit(i)) i += 1;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i += 1;
      if (text[i] === '+' || text[i] === '-') i += 1;
      if (!digit(i)) fail(MSG.missExponent, i);
      while (digit(i)) i += 1;
    }
    const token = text.slice(start, i);
    if (!Number.isFinite(Number(token))) fail(MSG.tooBig, start);
    return { $number: token };
  };
  const value = (): JsonValue => {
    const c = text[i];
    switch (c) {
      case 'n':
        return literal('null', null);
      case 't':
        return literal('true', true);
      case 'f':
        return literal('false', false);
      case '"':
        return str();
      case '{': {
        i += 1;
        const obj: JsonObject = new Map();
        ws();
        if (text[i] === '}') {
          i += 1;
          return obj;
        }
        for (;;) {
          if (text[i] !== '"') fail(MSG.missName, i);
          const key = str();
          ws();
          if (text[i] !== ':') fail(MSG.missColon, i);
          i += 1;
          ws();
          const v = value();
          if (!obj.has(key)) obj.set(key, v);
          ws();
          if (text[i] === ',') {
            i += 1;
            ws();
          } else if (text[i] === '}') {
            i += 1;
            return obj;
          } else fail(MSG.missCommaCurly, i);
        }
      }
      case '[': {
        i += 1;
        const arr: JsonValue[] = [];
        ws();
        if (text[i] === ']') {
          i += 1;
          return arr;
        }
        for (;;) {
          arr.push(value());
          ws();
          if (text[i] === ',') {
            i += 1;
            ws();
          } else if (text[i] === ']') {
            i += 1;
            return arr;
          } else fail(MSG.missCommaSquare, i);
        }
      }
      default:
        return num();
    }
  };
  try {
    ws();
    if (i >= n) fail(MSG.empty, i);
    const v = value();
    ws();
    if (i < n) fail(MSG.notSingular, i);
    return { ok: true, value: v };
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'at' in e && 'message' in e) {
      const f = e as Fail;
      // rapidjson counts bytes of the UTF-8 input, JS counts UTF-16 units.
      return { ok: false, message: f.message, offset: Buffer.byteLength(text.slice(0, f.at), 'utf8') };
    }
    throw e;
  }
}

/** The OVMS 412 text for a parse failure: `Error: <msg> Offset: <n>` (rest-api.md §2, fixture F52). */
export function rapidJsonErrorDetails(r: { readonly message: string; readonly offset: number }): string {
  return `Error: ${r.message} Offset: ${r.offset}`;
}
