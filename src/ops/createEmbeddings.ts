import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveModel } from '../core/resolveTarget.js';
import { invalidInput } from '../errors/OvmsError.js';
import type { EmbeddingsRequest } from '../protocols/openai/EmbeddingsRequest.js';
import type { Embedding, EmbeddingsResult } from '../protocols/openai/EmbeddingsResult.js';
import { float32FromBase64 } from '../protocols/openai/float32FromBase64.js';
import type { OpenAiCallOptions } from '../protocols/openai/OpenAiCallOptions.js';
import { openAiPost } from '../protocols/openai/openAiPost.js';
import { EmbeddingsResponseSchema } from '../protocols/openai/openaiSchemas.js';

/**
 * Embeds texts (or token ids). Calls `POST {base}/embeddings` (rest-api.md §5.1–§5.3). Asks for
 * `encoding_format: "base64"` unless told otherwise, because base64 float32 is about a third the
 * size of JSON numbers; with `"float"` the vectors come as JSON arrays. Either way every vector is
 * returned as a `Float32Array`, and `data` is ordered by `index`.
 *
 * @param config - From `createConfig`; its `model` is used when the request names none.
 * @param request - `input` (string, strings, token ids, or token ids per document), `encoding_format`.
 * @param options - `basePath`, signal, timeout, retry, headers, request id.
 * @returns `{ object, data: [{ object, index, embedding: Float32Array }], usage }`.
 * @throws {OvmsError} `InvalidInput` (no model, no input), `Status` (e.g. 400 over 500 documents), `Transport`,
 *   `Timeout`, `Aborted`, `Decode` (a vector that is not base64 float32).
 * @example
 * ```ts
 * const { data } = await createEmbeddings(config, { model: 'BAAI/bge-small', input: ['hello', 'world'] });
 * data[0]?.embedding; // Float32Array(384)
 * ```
 */
export async function createEmbeddings(config: ClientConfig, request: EmbeddingsRequest, options: OpenAiCallOptions = {}): Promise<EmbeddingsResult> {
  const { model: requested, ...body } = request;
  const model = resolveModel(config, requested);
  if (body.input === undefined || body.input === null) throw invalidInput('input', 'expected a string, an array of strings or token ids');
  const raw = await openAiPost(
    config,
    { operation: 'createEmbeddings', endpoint: 'embeddings', model, payload: { ...body, encoding_format: body.encoding_format ?? 'base64' }, schema: EmbeddingsResponseSchema },
    options,
  );
  const data = raw.data
    .map((d): Embedding => ({ object: d.object, index: d.index, embedding: typeof d.embedding === 'string' ? float32FromBase64(d.embedding) : Float32Array.from(d.embedding) }))
    .sort((a, b) => a.index - b.index);
  return {
    object: raw.object,
    ...(raw.model === undefined ? {} : { model: raw.model }),
    data,
    ...(raw.usage === undefined ? {} : { usage: raw.usage }),
  };
}
