/**
 * The config.json the server writes when no `configPath` is given: every built-in servable under
 * the names the seed document and the fixtures use.
 */

/** Names of the default MediaPipe graphs (fixtures F37, F68, F70 use these names). */
export const DEFAULT_GRAPH_NAMES = {
  llm: 'llama3',
  embeddings: 'bge-large-en-v1.5',
  rerank: 'BAAI/bge-reranker-large',
} as const;

const IDENTITY = ['bool', 'uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64', 'fp16', 'bf16', 'fp32', 'fp64', 'bytes'];

/**
 * The default config document (a fresh object per call).
 *
 * @returns a config.json value: `model_config_list` with `builtin:` base paths, all versions of
 * the versioned servables, and the three OpenAI graphs in `mediapipe_config_list`
 */
export function defaultConfig(): Record<string, unknown> {
  const all = { all: {} };
  const model = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    config: { name, base_path: `builtin:${name}`, ...extra },
  });
  return {
    model_config_list: [
      model('dummy'),
      model('versioned', { model_version_policy: all }),
      model('resnet'),
      model('resnet50'),
      model('bert', { model_version_policy: all }),
      model('custom_model'),
      model('string', { model_version_policy: all }),
      model('dummy_fp16'),
      model('multi_io'),
      ...IDENTITY.map((d) => model(`identity_${d}`)),
    ],
    mediapipe_config_list: [
      { name: DEFAULT_GRAPH_NAMES.llm, base_path: 'builtin:llm' },
      { name: DEFAULT_GRAPH_NAMES.embeddings, base_path: 'builtin:embeddings' },
      { name: DEFAULT_GRAPH_NAMES.rerank, base_path: 'builtin:rerank' },
    ],
  };
}
