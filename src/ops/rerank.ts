import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveModel } from '../core/resolveTarget.js';
import { invalidInput } from '../errors/OvmsError.js';
import type { OpenAiCallOptions } from '../protocols/openai/OpenAiCallOptions.js';
import { openAiPost } from '../protocols/openai/openAiPost.js';
import { RerankResultSchema, type RerankResult } from '../protocols/openai/openaiSchemas.js';
import type { RerankRequest } from '../protocols/openai/RerankRequest.js';

/**
 * Orders documents by relevance to a query. Calls `POST {base}/rerank`, which speaks Cohere's
 * rerank format, not OpenAI's (rest-api.md §5.1–§5.3): results come best first, each with the
 * document's `index` in the request and its `relevance_score`, cut to `top_n`.
 *
 * @param config - From `createConfig`; its `model` is used when the request names none.
 * @param request - `query`, `documents`, optional `top_n`, `return_documents`, `rank_fields`, `max_chunks_per_doc`.
 * @param options - `basePath`, signal, timeout, retry, headers, request id.
 * @returns `{ results: [{ index, relevance_score, document? }] }`, sorted by score, descending.
 * @throws {OvmsError} `InvalidInput` (no model, query or documents), `Status` (e.g. 400 over 100 documents),
 *   `Transport`, `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const { results } = await rerank(config, { model: 'BAAI/bge-reranker-large', query: 'welcome', documents: ['good morning', 'farewell'] });
 * results[0]?.index; // 0
 * ```
 */
export async function rerank(config: ClientConfig, request: RerankRequest, options: OpenAiCallOptions = {}): Promise<RerankResult> {
  const { model: requested, ...body } = request;
  const model = resolveModel(config, requested);
  if (typeof body.query !== 'string') throw invalidInput('query', 'expected a string');
  if (!Array.isArray(body.documents)) throw invalidInput('documents', 'expected an array of documents');
  return openAiPost(config, { operation: 'rerank', endpoint: 'rerank', model, payload: body, schema: RerankResultSchema }, options);
}
