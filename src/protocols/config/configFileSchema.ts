/**
 * OVMS 2026.3's config.json schema (rest-api.md §7.1; OVMS `src/schema.cpp`), as valibot schemas.
 * The client validates an edited file with it before writing, and the project's test server
 * validates the files it loads with the same schema, so the two cannot drift apart.
 *
 * Structural rules only, like OVMS's JSON schema: what OVMS checks later while loading a
 * servable (shape syntax, a reachable `base_path`, unique names, `metrics_list` names) is not
 * a schema matter and is left to the server.
 */
import * as v from 'valibot';

const NonNegativeInteger = /*#__PURE__*/ v.pipe(v.number(), v.integer(), v.minValue(0));
const PositiveInteger = /*#__PURE__*/ v.pipe(v.number(), v.integer(), v.minValue(1));
const BATCH_SIZE_MESSAGE = 'must be an integer >= 0, "auto", or a string of digits';

/** `model_version_policy`: exactly one of `all`, `latest`, `specific` (rest-api.md §7.1). */
export const ModelVersionPolicySchema = /*#__PURE__*/ v.union(
  [
    v.strictObject({ all: v.strictObject({}) }),
    v.strictObject({ latest: v.strictObject({ num_versions: v.optional(PositiveInteger) }) }),
    v.strictObject({ specific: v.strictObject({ versions: v.array(PositiveInteger) }) }),
  ],
  'must be exactly one of {"all":{}}, {"latest":{"num_versions":n}} (n >= 1), {"specific":{"versions":[n, ...]}} (n >= 1)',
);
/** One of `{all:{}}`, `{latest:{num_versions}}`, `{specific:{versions}}`. */
export type ModelVersionPolicy = v.InferOutput<typeof ModelVersionPolicySchema>;

/** A `plugin_config` value: OpenVINO properties as strings, numbers or booleans (rest-api.md §7.1). */
export const PluginConfigSchema = /*#__PURE__*/ v.record(v.string(), v.union([v.string(), v.number(), v.boolean()], 'must be a string, a number or a boolean'));
/** OpenVINO runtime properties of a model, e.g. `{ PERFORMANCE_HINT: 'LATENCY' }`. */
export type PluginConfig = v.InferOutput<typeof PluginConfigSchema>;

const modelConfigEntries = {
  name: /*#__PURE__*/ v.pipe(v.string(), v.minLength(1)),
  base_path: /*#__PURE__*/ v.optional(v.string()),
  // An integer >= 0, or a string such as "auto" or "16" (rest-api.md §7.1).
  batch_size: /*#__PURE__*/ v.optional(
    v.union([NonNegativeInteger, v.pipe(v.string(), v.regex(/^(?:auto|\d+)$/, BATCH_SIZE_MESSAGE))], BATCH_SIZE_MESSAGE),
  ),
  shape: /*#__PURE__*/ v.optional(v.union([v.string(), v.record(v.string(), v.string())], 'must be a string or an object of strings per input')),
  layout: /*#__PURE__*/ v.optional(v.union([v.string(), v.record(v.string(), v.string())], 'must be a string or an object of strings per input or output')),
  model_version_policy: /*#__PURE__*/ v.optional(ModelVersionPolicySchema),
  nireq: /*#__PURE__*/ v.optional(NonNegativeInteger),
  target_device: /*#__PURE__*/ v.optional(v.string()),
  plugin_config: /*#__PURE__*/ v.optional(PluginConfigSchema),
  allow_cache: /*#__PURE__*/ v.optional(v.boolean()),
  custom_loader_options: /*#__PURE__*/ v.optional(v.looseObject({ loader_name: v.string() })),
  graph_path: /*#__PURE__*/ v.optional(v.string()),
  subconfig: /*#__PURE__*/ v.optional(v.string()),
};

// Accepted up to 2026.2.x, rejected by 2026.3's `additionalProperties: false` (rest-api.md §0, §7.1).
const removedModelConfigEntries = {
  stateful: /*#__PURE__*/ v.optional(v.boolean()),
  low_latency_transformation: /*#__PURE__*/ v.optional(v.boolean()),
  max_sequence_number: /*#__PURE__*/ v.optional(NonNegativeInteger),
  idle_sequence_cleanup: /*#__PURE__*/ v.optional(v.boolean()),
};

/**
 * One `model_config_list[].config` of OVMS 2026.3: `name` required, no other key than those of
 * rest-api.md §7.1 (`mean`, `scale`, `color_format`, `precision` are CLI-only and rejected).
 */
export const ModelConfigSchema = /*#__PURE__*/ v.strictObject(modelConfigEntries);
/** A model's `config` object in config.json. */
export type ModelConfig = v.InferOutput<typeof ModelConfigSchema>;

/** A model's `config` object as OVMS <= 2026.2 accepted it (with the stateful-model keys). */
export const LegacyModelConfigSchema = /*#__PURE__*/ v.strictObject({ ...modelConfigEntries, ...removedModelConfigEntries });

/** One `mediapipe_config_list[]` entry (rest-api.md §7.1). */
export const MediapipeConfigSchema = /*#__PURE__*/ v.strictObject({
  name: v.pipe(v.string(), v.minLength(1)),
  base_path: v.optional(v.string()),
  graph_path: v.optional(v.string()),
  subconfig: v.optional(v.string()),
});

/** `monitoring`: only `metrics` with a required `enable` (so `endpoint_path` cannot be set, rest-api.md §6). */
export const MonitoringSchema = /*#__PURE__*/ v.strictObject({
  metrics: v.strictObject({
    enable: v.boolean(),
    metrics_list: v.optional(v.array(v.string())),
  }),
});

// DAG pipelines (deprecated) and custom loaders / node libraries are kept as they are: the client
// never edits them, and checking them in depth would only duplicate OVMS's own load-time errors.
const namedObjects = /*#__PURE__*/ v.array(v.looseObject({}));

function configFileSchema<M extends typeof ModelConfigSchema | typeof LegacyModelConfigSchema>(model: M) {
  return v.strictObject({
    model_config_list: v.array(v.strictObject({ config: model })),
    pipeline_config_list: v.optional(namedObjects),
    mediapipe_config_list: v.optional(v.array(MediapipeConfigSchema)),
    custom_loader_config_list: v.optional(namedObjects),
    custom_node_library_config_list: v.optional(namedObjects),
    monitoring: v.optional(MonitoringSchema),
  });
}

/** A whole config.json of OVMS 2026.3: `model_config_list` required, no unknown top-level key. */
export const ConfigFileSchema = /*#__PURE__*/ configFileSchema(ModelConfigSchema);
/** A config.json document. */
export type ConfigFile = v.InferOutput<typeof ConfigFileSchema>;

/** A whole config.json as OVMS <= 2026.2 accepted it. */
export const LegacyConfigFileSchema = /*#__PURE__*/ configFileSchema(LegacyModelConfigSchema);
