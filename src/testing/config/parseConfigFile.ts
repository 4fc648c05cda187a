/**
 * Parsing and schema validation of an OVMS config.json (rest-api.md §7.1, OVMS `src/schema.cpp`).
 */
import type { ConfigFile, ModelConfig, ModelVersionPolicy } from '../../protocols/config/configFileSchema.js';
import { validateConfigFile } from '../../protocols/config/validateConfigFile.js';
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

class SchemaError extends Error {}

function check(cond: boolean, what: string): asserts cond {
  if (!cond) throw new SchemaError(what);
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

function toPolicy(p: ModelVersionPolicy | undefined): VersionPolicy {
  if (p === undefined) return { kind: 'latest', count: 1 };
  if ('all' in p) return { kind: 'all' };
  if ('latest' in p) return { kind: 'latest', count: p.latest.num_versions ?? 1 };
  return { kind: 'specific', versions: p.specific.versions };
}

// The schema (shared with the client, src/protocols/config/configFileSchema.ts) has checked every
// key and type; what is left is what OVMS checks while loading a servable.
function toModel(c: ModelConfig, index: number): ModelConfigEntry {
  const where = `model_config_list[${index}].config`;
  // The test server needs a base_path to pick a built-in servable.
  check(c.base_path !== undefined, `${where}.base_path must be a string`);
  let batchSize: number | 'auto' | undefined;
  if (c.batch_size !== undefined) {
    batchSize = c.batch_size === 'auto' ? 'auto' : Number(c.batch_size);
    // 0 means "keep the model's own batch" in OVMS.
    if (batchSize === 0) batchSize = undefined;
  }
  let shape: ModelConfigEntry['shape'];
  if (typeof c.shape === 'string') shape = parseShapeString(c.shape);
  else if (c.shape !== undefined) shape = new Map(Object.entries(c.shape).map(([k, s]) => [k, parseShapeString(s)]));
  const { name: _name, ...rest } = c;
  return {
    name: c.name,
    basePath: c.base_path,
    batchSize,
    shape,
    versionPolicy: toPolicy(c.model_version_policy),
    nireq: c.nireq,
    targetDevice: c.target_device,
    pluginConfig: c.plugin_config ?? {},
    fingerprint: JSON.stringify(rest),
  };
}

function toGraph(g: NonNullable<ConfigFile['mediapipe_config_list']>[number]): GraphConfigEntry {
  return { name: g.name, basePath: g.base_path ?? g.name, fingerprint: JSON.stringify(g) };
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
  const validation = validateConfigFile(toPlain(parsed.value), legacy);
  if (!validation.ok) return { ok: false, status: 412, detail: `config.json does not match the OVMS schema: ${validation.message}` };
  const doc = validation.value;
  try {
    const models = doc.model_config_list.map((m, i) => toModel(m.config as ModelConfig, i));
    const graphs = (doc.mediapipe_config_list ?? []).map(toGraph);
    let metrics: ServerConfigFile['metrics'];
    if (doc.monitoring !== undefined) {
      const list = doc.monitoring.metrics.metrics_list;
      // OVMS aborts on an unknown family: "Invalid name in metrics_list" (rest-api.md §6).
      for (const x of list ?? []) check(METRIC_FAMILY_NAMES.includes(x), `Invalid name in metrics_list: ${x}`);
      metrics = { enable: doc.monitoring.metrics.enable, list };
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
