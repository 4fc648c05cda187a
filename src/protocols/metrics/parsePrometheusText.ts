/**
 * A parser of the Prometheus text exposition format 0.0.4 (the format of OVMS's `/metrics`,
 * written by prometheus-cpp's `TextSerializer`, rest-api.md §6).
 *
 * Why our own and not a library: the one maintained npm candidate, `parse-prometheus-text-format`
 * (1.1.1), carries a runtime dependency (`shallow-equal`), throws plain `Error`s, accepts some
 * malformed lines silently and reshapes histograms into its own objects; `prom-client` and the
 * PromQL parsers do not parse the exposition format at all. The format is small (one line = one
 * sample, HELP or TYPE), a strict, linear-time parser of it is ~200 lines, and owning it lets
 * every failure be an `OvmsError` `Decode` with a line number, which fuzzing can hold it to.
 */
import { decodeError, type RequestSummary } from '../../errors/OvmsError.js';
import type { PrometheusFamily, PrometheusSample, PrometheusType } from './PrometheusFamily.js';

interface Family {
  readonly name: string;
  type: PrometheusType;
  typeSet: boolean;
  help: string | undefined;
  readonly samples: PrometheusSample[];
}

const TYPES: readonly string[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

class LineError extends Error {}

/**
 * Parses a Prometheus text exposition into metric families.
 *
 * Accepts what the format allows and OVMS writes: `# HELP` / `# TYPE` lines (other comments are
 * skipped), label values with `\\`, `\"` and `\n` escapes, an optional trailing comma in label
 * sets, blanks and tabs between tokens, `NaN`, `+Inf`, `-Inf`, optional integer timestamps, CRLF
 * line ends. Histogram (`_bucket` with `le`, `_sum`, `_count`) and summary (`quantile`, `_sum`,
 * `_count`) samples are gathered under their family. Samples of a name with no TYPE form an
 * `untyped` family.
 *
 * @param text - The body of `GET /metrics`.
 * @param request - The request the text answered, for the error summary.
 * @returns The families in the order they first appear; an empty text gives `[]`.
 * @throws {OvmsError} `Decode` naming the line for anything else: an unknown escape, an unclosed
 *   label set or value, a duplicate label, a missing or unreadable value, an unknown TYPE, a second
 *   HELP or TYPE for a family, a TYPE after the family's samples, a bucket without `le`.
 * @example
 * ```ts
 * parsePrometheusText('# TYPE up gauge\nup{job="ovms"} 1\n');
 * // [{ name: 'up', type: 'gauge', samples: [{ name: 'up', labels: { job: 'ovms' }, value: 1 }] }]
 * ```
 */
export function parsePrometheusText(text: string, request?: RequestSummary): PrometheusFamily[] {
  if (typeof text !== 'string') throw decodeError('metrics: expected the Prometheus text format, got no text', undefined, request);
  const families = new Map<string, Family>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    try {
      parseLine(line, families);
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      const excerpt = line.length > 120 ? `${line.slice(0, 120)}…` : line;
      throw decodeError(`metrics: invalid Prometheus text at line ${i + 1}: ${error.message} (${JSON.stringify(excerpt)})`, undefined, request);
    }
  }
  return [...families.values()].map((f) => ({
    name: f.name,
    type: f.type,
    ...(f.help === undefined ? {} : { help: f.help }),
    samples: f.samples,
  }));
}

function parseLine(line: string, families: Map<string, Family>): void {
  const pos = skipBlanks(line, 0);
  if (pos === line.length) return;
  if (line[pos] === '#') {
    parseComment(line, pos + 1, families);
    return;
  }
  parseSample(line, pos, families);
}

function parseComment(line: string, start: number, families: Map<string, Family>): void {
  let pos = skipBlanks(line, start);
  const keywordEnd = tokenEnd(line, pos);
  const keyword = line.slice(pos, keywordEnd);
  if (keyword !== 'HELP' && keyword !== 'TYPE') return;
  pos = skipBlanks(line, keywordEnd);
  const name = scanName(line, pos, true);
  if (name === undefined) throw new LineError(`${keyword} needs a metric name`);
  pos += name.length;
  if (pos < line.length && !isBlank(line[pos])) throw new LineError(`invalid metric name in ${keyword}`);
  const family = families.get(name);
  if (keyword === 'HELP') {
    if (family?.help !== undefined) throw new LineError(`second HELP for ${name}`);
    // One blank separates the name from the text; the rest of the line is the text.
    const help = unescapeHelp(pos < line.length ? line.slice(pos + 1) : '');
    if (family === undefined) families.set(name, { name, type: 'untyped', typeSet: false, help, samples: [] });
    else family.help = help;
    return;
  }
  const type = line.slice(pos).trim();
  if (!TYPES.includes(type)) throw new LineError(`unknown metric type ${JSON.stringify(type)}`);
  if (family?.typeSet === true) throw new LineError(`second TYPE for ${name}`);
  if (family !== undefined && family.samples.length > 0) throw new LineError(`TYPE for ${name} after its samples`);
  if (family === undefined) families.set(name, { name, type: type as PrometheusType, typeSet: true, help: undefined, samples: [] });
  else {
    family.type = type as PrometheusType;
    family.typeSet = true;
  }
}

function parseSample(line: string, start: number, families: Map<string, Family>): void {
  let pos = start;
  const name = scanName(line, pos, true);
  if (name === undefined) throw new LineError('expected a metric name');
  pos = skipBlanks(line, pos + name.length);
  const labels: [string, string][] = [];
  if (line[pos] === '{') {
    pos = parseLabels(line, pos + 1, labels);
    pos = skipBlanks(line, pos);
  } else if (pos === start + name.length && pos < line.length) {
    throw new LineError('invalid character after the metric name');
  }
  const valueEnd = tokenEnd(line, pos);
  if (valueEnd === pos) throw new LineError('missing value');
  const value = parseValue(line.slice(pos, valueEnd));
  if (value === undefined) throw new LineError(`invalid value ${JSON.stringify(line.slice(pos, valueEnd))}`);
  pos = skipBlanks(line, valueEnd);
  let timestamp: number | undefined;
  if (pos < line.length) {
    const tsEnd = tokenEnd(line, pos);
    const token = line.slice(pos, tsEnd);
    if (!/^-?\d+$/.test(token) || !Number.isSafeInteger(Number(token))) throw new LineError(`invalid timestamp ${JSON.stringify(token)}`);
    timestamp = Number(token);
    if (skipBlanks(line, tsEnd) !== line.length) throw new LineError('unexpected text after the timestamp');
  }
  const family = familyOf(name, families);
  checkSample(family, name, labels);
  family.samples.push({ name, labels: Object.fromEntries(labels), value, ...(timestamp === undefined ? {} : { timestamp }) });
}

/** Parses `name="value", …}` from just after `{`; returns the position after `}`. */
function parseLabels(line: string, start: number, out: [string, string][]): number {
  let pos = skipBlanks(line, start);
  const seen = new Set<string>();
  for (;;) {
    if (line[pos] === '}') return pos + 1;
    const label = scanName(line, pos, false);
    if (label === undefined) throw new LineError(pos >= line.length ? 'unclosed label set' : 'expected a label name');
    if (seen.has(label)) throw new LineError(`duplicate label ${label}`);
    seen.add(label);
    pos = skipBlanks(line, pos + label.length);
    if (line[pos] !== '=') throw new LineError(`expected = after label ${label}`);
    pos = skipBlanks(line, pos + 1);
    if (line[pos] !== '"') throw new LineError(`expected a quoted value for label ${label}`);
    pos += 1;
    let value = '';
    for (;;) {
      if (pos >= line.length) throw new LineError(`unclosed value of label ${label}`);
      const c = line[pos] as string;
      if (c === '"') break;
      if (c === '\\') {
        const next = line[pos + 1];
        if (next === '\\') value += '\\';
        else if (next === '"') value += '"';
        else if (next === 'n') value += '\n';
        else throw new LineError(`invalid escape in the value of label ${label}`);
        pos += 2;
      } else {
        value += c;
        pos += 1;
      }
    }
    out.push([label, value]);
    pos = skipBlanks(line, pos + 1);
    if (line[pos] === ',') pos = skipBlanks(line, pos + 1);
    else if (line[pos] !== '}') throw new LineError(pos >= line.length ? 'unclosed label set' : `expected , or } after label ${label}`);
  }
}

/** The family a sample name belongs to: a histogram's or summary's suffixed samples go to it. */
function familyOf(name: string, families: Map<string, Family>): Family {
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const base = families.get(name.slice(0, -suffix.length));
    if (base !== undefined && (base.type === 'histogram' || (base.type === 'summary' && suffix !== '_bucket'))) return base;
  }
  let family = families.get(name);
  if (family === undefined) {
    family = { name, type: 'untyped', typeSet: false, help: undefined, samples: [] };
    families.set(name, family);
  }
  return family;
}

function checkSample(family: Family, name: string, labels: readonly [string, string][]): void {
  const label = (key: string): string | undefined => labels.find(([k]) => k === key)?.[1];
  if (family.type === 'histogram') {
    if (name === family.name) throw new LineError(`histogram ${family.name} has no sample without _bucket, _sum or _count`);
    if (name.endsWith('_bucket')) {
      const le = label('le');
      if (le === undefined) throw new LineError(`bucket of ${family.name} without an le label`);
      if (parseValue(le) === undefined) throw new LineError(`invalid le ${JSON.stringify(le)}`);
    }
  } else if (family.type === 'summary' && name === family.name) {
    const q = label('quantile');
    if (q === undefined) throw new LineError(`sample of summary ${family.name} without a quantile label`);
    if (parseValue(q) === undefined) throw new LineError(`invalid quantile ${JSON.stringify(q)}`);
  }
}

/** A float as Go's ParseFloat reads the format's values: decimals, NaN, ±Inf. */
function parseValue(token: string): number | undefined {
  if (DECIMAL.test(token)) return Number(token);
  switch (token.toLowerCase()) {
    case 'nan':
      return Number.NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Number.POSITIVE_INFINITY;
    case '-inf':
    case '-infinity':
      return Number.NEGATIVE_INFINITY;
    default:
      return undefined;
  }
}

/** HELP text escapes: `\\` and `\n` only (the format allows no other). */
function unescapeHelp(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = s[i + 1];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else throw new LineError('invalid escape in HELP text');
    i += 1;
  }
  return out;
}

/** A metric name `[a-zA-Z_:][a-zA-Z0-9_:]*` (colons only for metrics) or a label name at `pos`; scanned by hand, in linear time. */
function scanName(line: string, pos: number, metric: boolean): string | undefined {
  let end = pos;
  while (end < line.length) {
    const c = line.charCodeAt(end);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (metric && c === 58);
    if (!letter && !(end > pos && c >= 48 && c <= 57)) break;
    end += 1;
  }
  return end === pos ? undefined : line.slice(pos, end);
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

function skipBlanks(line: string, pos: number): number {
  let p = pos;
  while (isBlank(line[p])) p += 1;
  return p;
}

function tokenEnd(line: string, pos: number): number {
  let p = pos;
  while (p < line.length && !isBlank(line[p])) p += 1;
  return p;
}
