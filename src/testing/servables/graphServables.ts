/**
 * The MediaPipe graph servables answered by the OpenAI-style handler (rest-api.md §5).
 */
import type { GraphServableDefinition } from './ServableDefinition.js';

/** `llm`: chat/completions, completions, tokenize; deterministic text streamed token by token. */
export const llmGraph: GraphServableDefinition = {
  kind: 'graph',
  id: 'llm',
  summary: 'LLM graph: /v3/chat/completions, /v3/completions (unary and SSE), /v3/tokenize; deterministic text',
  graphKind: 'llm',
};

/** `embeddings`: /v3/embeddings (float and base64). */
export const embeddingsGraph: GraphServableDefinition = {
  kind: 'graph',
  id: 'embeddings',
  summary: 'embeddings graph: /v3/embeddings (float and base64), /v3/tokenize',
  graphKind: 'embeddings',
};

/** `rerank`: /v3/rerank (Cohere-style). */
export const rerankGraph: GraphServableDefinition = {
  kind: 'graph',
  id: 'rerank',
  summary: 'rerank graph: /v3/rerank, /v3/tokenize',
  graphKind: 'rerank',
};
