/**
 * A re-implementation of rapidjson's `Writer`/`PrettyWriter` output rules, so bodies match OVMS
 * byte for byte: KServe infer responses use PrettyWriter, 4-space indent and
 * `kFormatSingleLineArray` (rest-api.md §4.4, fixtures F43, F46: header lengths 268/272); the TFS
 * predict serializer toggles single-line mode while it writes (fixtures F08, F10, F11).
 */

/** A streaming JSON writer with rapidjson's layout. */
export interface RapidJsonWriter {
  startObject(): void;
  endObject(): void;
  startArray(): void;
  endArray(): void;
  key(k: string): void;
  string(s: string): void;
  /** Writes an already formatted number (or other raw token). */
  raw(token: string): void;
  bool(b: boolean): void;
  /** Switches `kFormatSingleLineArray` on or off; it takes effect from the next token, as in rapidjson. */
  setSingleLineArrays(on: boolean): void;
  toString(): string;
}

/** Options of {@link createRapidJsonWriter}. */
export interface RapidJsonWriterOptions {
  /** PrettyWriter (true) or the compact Writer (false). */
  readonly pretty: boolean;
  readonly indent?: number;
  readonly singleLineArrays?: boolean;
}

interface Level {
  readonly inArray: boolean;
  valueCount: number;
}

/** Creates a writer; the result of `toString()` is the document written so far. */
export function createRapidJsonWriter(options: RapidJsonWriterOptions): RapidJsonWriter {
  const parts: string[] = [];
  const stack: Level[] = [];
  const indent = options.indent ?? 4;
  let singleLine = options.singleLineArrays ?? false;
  const writeIndent = (): void => {
    parts.push(' '.repeat(stack.length * indent));
  };
  // rapidjson PrettyWriter::PrettyPrefix / Writer::Prefix.
  const prefix = (): void => {
    const level = stack[stack.length - 1];
    if (level === undefined) return;
    if (!options.pretty) {
      if (level.valueCount > 0) parts.push(level.inArray ? ',' : level.valueCount % 2 === 0 ? ',' : ':');
      level.valueCount += 1;
      return;
    }
    if (level.inArray) {
      if (level.valueCount > 0) {
        parts.push(',');
        if (singleLine) parts.push(' ');
      }
      if (!singleLine) {
        parts.push('\n');
        writeIndent();
      }
    } else {
      if (level.valueCount > 0) {
        if (level.valueCount % 2 === 0) parts.push(',\n');
        else parts.push(': ');
      } else parts.push('\n');
      if (level.valueCount % 2 === 0) writeIndent();
    }
    level.valueCount += 1;
  };
  return {
    startObject() {
      prefix();
      stack.push({ inArray: false, valueCount: 0 });
      parts.push('{');
    },
    endObject() {
      const level = stack.pop();
      if (options.pretty && level !== undefined && level.valueCount > 0) {
        parts.push('\n');
        writeIndent();
      }
      parts.push('}');
    },
    startArray() {
      prefix();
      stack.push({ inArray: true, valueCount: 0 });
      parts.push('[');
    },
    endArray() {
      const level = stack.pop();
      if (options.pretty && level !== undefined && level.valueCount > 0 && !singleLine) {
        parts.push('\n');
        writeIndent();
      }
      parts.push(']');
    },
    key(k) {
      prefix();
      parts.push(JSON.stringify(k));
    },
    string(s) {
      prefix();
      parts.push(JSON.stringify(s));
    },
    raw(token) {
      prefix();
      parts.push(token);
    },
    bool(b) {
      prefix();
      parts.push(b ? 'true' : 'false');
    },
    setSingleLineArrays(on) {
      singleLine = on;
    },
    toString() {
      return parts.join('');
    },
  };
}

/**
 * A double as rapidjson's `Writer::Double` prints it (Grisu2 shortest digits): integral values
 * get `.0`, exponents have no `+` (`1e21`), `-0` is `-0.0`. Non-finite values, which rapidjson
 * refuses, are written as `null`.
 */
export function formatRapidDouble(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x).replace('e+', 'e');
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/**
 * A float as C's `printf("%.{precision}g")` prints it: at most `precision` significant digits,
 * trailing zeros removed, exponent form when the exponent is < -4 or >= precision, with a sign
 * and at least two exponent digits (`1e-05`).
 */
export function formatPrintfG(x: number, precision: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exp = Number(x.toExponential(precision - 1).split('e')[1]);
  const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= precision) {
    const [mant = '', e = '0'] = x.toExponential(precision - 1).split('e');
    const en = Number(e);
    const digits = String(Math.abs(en)).padStart(2, '0');
    return `${strip(mant)}e${en < 0 ? '-' : '+'}${digits}`;
  }
  return strip(x.toFixed(Math.max(0, precision - 1 - exp)));
}

/**
 * A float or double as TensorFlow Serving's JSON writer prints it (used by OVMS's TFS API,
 * rest-api.md §2): `%.6g` (float) / `%.15g` (double), retried with `%.9g` / `%.17g` when that
 * does not round-trip, then `.0` appended to integral values (fixture F08: `5.0`, `55.5`).
 */
export function formatTfsDecimal(x: number, isFloat32: boolean): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  let s = formatPrintfG(x, isFloat32 ? 6 : 15);
  const back = Number(s);
  if ((isFloat32 ? Math.fround(back) : back) !== x) s = formatPrintfG(x, isFloat32 ? 9 : 17);
  return /[.e]/.test(s) ? s : `${s}.0`;
}
