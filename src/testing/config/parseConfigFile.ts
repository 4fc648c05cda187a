/**
 * Parsing and schema validation of an OVMS config.json (rest-api.md §7.1, OVMS `src/schema.cpp`).
 */
import { isJsonObject, parseRapidJson, toPlain } from '../json/parseRapidJson.js';
import type { Dim } from '../servables/ServableDefinition.js';
import { METRIC_FAMILY_NAMES } from '../metrics/metricFamilies.js';

/** `model_version_policy`, resolved. Default: latest 1. */
export type VersionPolicy =
  | { readonly kind: 'all' }
  | { readonly kind: 'latest'; readonly count: number }
  | { readonly kind: 'specific'; readonly versions: readonly number[] };

/** A shape from config: dims, or `auto` (reload to the request shape, rest-api.md §4.6). */
export type ConfigShape = readonly Dim[] | 'auto';

/** One `model_config_list[].config` entry, validated. */
export interface ModelConfigEntry {
  readonly name: string;
  readonly basePath: string;
  readonly batchSize: number | 'auto' | undefined;
  /** A shape for every input (string form) or per input name (object form). */
  readonly shape: ConfigShape | ReadonlyMap<string, ConfigShape> | undefined;
  readonly versionPolicy: VersionPolicy;
  readonly nireq: number | undefined;
  readonly targetDevice: string | undefined;
  readonly pluginConfig: Readonly<Record<string, string | number | boolean>>;
  /** Canonical JSON of the entry; a change reloads every version (rest-api.md §7.2). */
  readonly fingerprint: string;
}

/** One `mediapipe_config_list[]` entry. */
export interface GraphConfigEntry {
  readonly name: string;
  readonly basePath: string;
  readonly fingerprint: string;
}

/** A validated config.json. */
export interface ServerConfigFile {
  readonly models: readonly ModelConfigEntry[];
  readonly graphs: readonly GraphConfigEntry[];
  /** `monitoring.metrics`, when present. */
  readonly metrics: { readonly enable: boolean; readonly list: readonly string[] | undefined } | undefined;
}

/** The outcome of {@link parseConfigFile}; `status` is the HTTP status OVMS maps the failure to (rest-api.md §3). */
export type ConfigParseResult =
  | { readonly ok: true; readonly config: ServerConfigFile }
  | { readonly ok: false; readonly status: number; readonly detail: string };

const TOP_KEYS = ['model_config_list', 'pipeline_config_list', 'mediapipe_config_list', 'custom_loader_config_list', 'custom_node_library_config_list', 'monitoring'];
const MODEL_KEYS = [
  'name',
  'base_path',
  'batch_size',
  'shape',
  'layout',
  'model_version_policy',
  'nireq',
  'target_device',
  'plugin_config',
  'allow_cache',
  'custom_loader_options',
  'graph_path',
  'subconfig',
];
// Accepted up to 2026.2.x only (rest-api.md §7.1 "Removed keys").
const LEGACY_MODEL_KEYS = ['stateful', 'low_latency_transformation', 'max_sequence_number', 'idle_sequence_cleanup'];
const GRAPH_KEYS = ['name', 'base_path', 'graph_path', 'subconfig'];

class SchemaError extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonNegInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function check(cond: boolean, what: string): asserts cond {
  if (!cond) throw new SchemaError(what);
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(o)) check(allowed.includes(k), `${where}: additional property "${k}" is not allowed`);
}

/**
 * Parses a shape string `(1,3,224,224)` / `[1,3,224,224]` / `auto`; dims are sizes, `-1` or
 * ranges `a:b`. Throws on a malformed shape.
 */
export function parseShapeString(s: string): ConfigShape {
  const t = s.trim();
  if (t === 'auto') return 'auto';
  const m = /^[([]\s*(.*?)\s*[)\]]$/.exec(t);
  check(m !== null, `shape "${s}" is in wrong format`);
  const body = m[1] ?? '';
  if (body === '') return [];
  return body.split(',').map((part): Dim => {
    const p = part.trim();
    if (/^-?\d+$/.test(p)) {
      const v = Number(p);
      check(v >= -1, `shape "${s}" is in wrong format`);
      return v;
    }
    const r = /^(\d+):(\d+)$/.exec(p);
    check(r !== null, `shape "${s}" is in wrong format`);
    return [Number(r[1]), Number(r[2])];
  });
}

function parsePolicy(v: unknown): VersionPolicy {
  if (v === undefined) return { kind: 'latest', count: 1 };
  check(isRecord(v) && Object.keys(v).length === 1, 'model_version_policy must have exactly one of all, latest, specific');
  if ('all' in v) {
    check(isRecord(v.all) && Object.keys(v.all).length === 0, 'model_version_policy.all must be {}');
    return { kind: 'all' };
  }
  if ('latest' in v) {
    const l = v.latest;
    check(isRecord(l), 'model_version_policy.latest must be an object');
    onlyKeys(l, ['num_versions'], 'model_version_policy.latest');
    check(l.num_versions === undefined || (isNonNegInt(l.num_versions) && l.num_versions >= 1), 'num_versions must be an integer >= 1');
    return { kind: 'latest', count: typeof l.num_versions === 'number' ? l.num_versions : 1 };
  }
  if ('specific' in v) {
    const s = v.specific;
    check(isRecord(s) && Array.isArray(s.versions), 'model_version_policy.specific.versions must be an array');
    onlyKeys(s, ['versions'], 'model_version_policy.specific');
    for (const x of s.versions as unknown[]) check(isNonNegInt(x) && x >= 1, 'versions must be integers >= 1');
    return { kind: 'specific', versions: s.versions as number[] };
  }
  throw new SchemaError('model_version_policy contains unsupported key');
}

function parseModel(item: unknown, legacy: boolean, index: number): ModelConfigEntry {
  const where = `model_config_list[${index}]`;
  check(isRecord(item), `${where} must be an object`);
  onlyKeys(item, ['config'], where);
  const c = item.config;
  check(isRecord(c), `${where}.config must be an object`);
  onlyKeys(c, legacy ? [...MODEL_KEYS, ...LEGACY_MODEL_KEYS] : MODEL_KEYS, `${where}.config`);
  check(typeof c.name === 'string' && c.name !== '', `${where}.config.name must be a non-empty string`);
  check(typeof c.base_path === 'string', `${where}.config.base_path must be a string`);
  let batchSize: number | 'auto' | undefined;
  if (c.batch_size !== undefined) {
    if (typeof c.batch_size === 'string') {
      check(c.batch_size === 'auto' || /^\d+$/.test(c.batch_size), `${where}.config.batch_size must be "auto" or a number`);
      batchSize = c.batch_size === 'auto' ? 'auto' : Number(c.batch_size);
    } else {
      check(isNonNegInt(c.batch_size), `${where}.config.batch_size must be an integer >= 0`);
      batchSize = c.batch_size;
    }
    // 0 means "keep the model's own batch" in OVMS.
    if (batchSize === 0) batchSize = undefined;
  }
  let shape: ModelConfigEntry['shape'];
  if (typeof c.shape === 'string') shape = parseShapeString(c.shape);
  else if (isRecord(c.shape)) {
    const m = new Map<string, ConfigShape>();
    for (const [k, s] of Object.entries(c.shape)) {
      check(typeof s === 'string', `${where}.config.shape.${k} must be a string`);
      m.set(k, parseShapeString(s));
    }
    shape = m;
  } else check(c.shape === undefined, `${where}.config.shape must be a string or an object`);
  check(c.layout === undefined || typeof c.layout === 'string' || isRecord(c.layout), `${where}.config.layout must be a string or an object`);
  check(c.nireq === undefined || isNonNegInt(c.nireq), `${where}.config.nireq must be an integer >= 0`);
  check(c.target_device === undefined || typeof c.target_device === 'string', `${where}.config.target_device must be a string`);
  check(c.allow_cache === undefined || typeof c.allow_cache === 'boolean', `${where}.config.allow_cache must be a boolean`);
  const plugin: Record<string, string | number | boolean> = {};
  if (c.plugin_config !== undefined) {
    check(isRecord(c.plugin_config), `${where}.config.plugin_config must be an object`);
    for (const [k, v] of Object.entries(c.plugin_config)) {
      check(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean', `${where}.config.plugin_config.${k} must be a string, number or boolean`);
      plugin[k] = v;
    }
  }
  for (const k of ['graph_path', 'subconfig']) check(c[k] === undefined || typeof c[k] === 'string', `${where}.config.${k} must be a string`);
  const { name: _name, ...rest } = c;
  return {
    name: c.name,
    basePath: c.base_path,
    batchSize,
    shape,
    versionPolicy: parsePolicy(c.model_version_policy),
    nireq: typeof c.nireq === 'number' ? c.nireq : undefined,
    targetDevice: typeof c.target_device === 'string' ? c.target_device : undefined,
    pluginConfig: plugin,
    fingerprint: JSON.stringify(rest),
  };
}

function parseGraph(item: unknown, index: number): GraphConfigEntry {
  const where = `mediapipe_config_list[${index}]`;
  check(isRecord(item), `${where} must be an object`);
  onlyKeys(item, GRAPH_KEYS, where);
  check(typeof item.name === 'string' && item.name !== '', `${where}.name must be a non-empty string`);
  for (const k of ['base_path', 'graph_path', 'subconfig']) check(item[k] === undefined || typeof item[k] === 'string', `${where}.${k} must be a string`);
  const basePath = typeof item.base_path === 'string' ? item.base_path : item.name;
  return { name: item.name, basePath, fingerprint: JSON.stringify(item) };
}

/**
 * Parses and validates config.json text. Malformed JSON and schema violations answer 412
 * (JSON_INVALID), duplicate servable names 500 (MODEL_NAME_OCCUPIED), as OVMS maps them (rest-api.md §1.3, §3).
 *
 * @param legacy - accept the keys removed in 2026.3 (`stateful`, ...)
 */
export function parseConfigFile(text: string, legacy: boolean): ConfigParseResult {
  const parsed = parseRapidJson(text);
  if (!parsed.ok) return { ok: false, status: 412, detail: `config.json is not valid JSON: ${parsed.message} Offset: ${parsed.offset}` };
  if (!isJsonObject(parsed.value)) return { ok: false, status: 412, detail: 'config.json must hold a JSON object' };
  const doc = toPlain(parsed.value) as Record<string, unknown>;
  try {
    onlyKeys(doc, TOP_KEYS, 'config.json');
    check(Array.isArray(doc.model_config_list), 'model_config_list is required and must be an array');
    const models = (doc.model_config_list as unknown[]).map((m, i) => parseModel(m, legacy, i));
    const graphsRaw = doc.mediapipe_config_list;
    check(graphsRaw === undefined || Array.isArray(graphsRaw), 'mediapipe_config_list must be an array');
    const graphs = ((graphsRaw as unknown[] | undefined) ?? []).map((g, i) => parseGraph(g, i));
    let metrics: ServerConfigFile['metrics'];
    if (doc.monitoring !== undefined) {
      const mon = doc.monitoring;
      check(isRecord(mon), 'monitoring must be an object');
      onlyKeys(mon, ['metrics'], 'monitoring');
      const m = mon.metrics;
      check(isRecord(m), 'monitoring.metrics must be an object');
      onlyKeys(m, ['enable', 'metrics_list'], 'monitoring.metrics');
      check(typeof m.enable === 'boolean', 'monitoring.metrics.enable is required and must be a boolean');
      let list: string[] | undefined;
      if (m.metrics_list !== undefined) {
        check(Array.isArray(m.metrics_list), 'monitoring.metrics.metrics_list must be an array');
        list = [];
        for (const x of m.metrics_list as unknown[]) {
          // OVMS aborts on an unknown family: "Invalid name in metrics_list" (rest-api.md §6).
          check(typeof x === 'string' && METRIC_FAMILY_NAMES.includes(x), `Invalid name in metrics_list: ${String(x)}`);
          list.push(x);
        }
      }
      metrics = { enable: m.enable, list };
    }
    const seen = new Set<string>();
    for (const s of [...models, ...graphs]) {
      if (seen.has(s.name)) return { ok: false, status: 500, detail: `servable name "${s.name}" is used twice (MODEL_NAME_OCCUPIED)` };
      seen.add(s.name);
    }
    return { ok: true, config: { models, graphs, metrics } };
  } catch (e) {
    if (e instanceof SchemaError) return { ok: false, status: 412, detail: `config.json does not match the OVMS schema: ${e.message}` };
    throw e;
  }
}
