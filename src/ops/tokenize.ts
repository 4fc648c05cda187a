import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveModel } from '../core/resolveTarget.js';
import { decodeError, invalidInput } from '../errors/OvmsError.js';
import type { OpenAiCallOptions } from '../protocols/openai/OpenAiCallOptions.js';
import { openAiPost } from '../protocols/openai/openAiPost.js';
import { TokenizeResponseSchema } from '../protocols/openai/openaiSchemas.js';
import type { TokenizeRequest } from '../protocols/openai/TokenizeRequest.js';

/** A tokenize answer: a flat list of token ids for one text, one list per text for several. */
export interface TokenizeResult<T extends string | readonly string[] = string | readonly string[]> {
  readonly tokens: T extends string ? number[] : number[][];
}

/**
 * Tokenizes text with a servable's tokenizer. Calls `POST {base}/tokenize` (OVMS 2025.4+; any LLM,
 * VLM, embeddings or rerank graph, rest-api.md §5.1–§5.3).
 *
 * @param config - From `createConfig`; its `model` is used when the request names none.
 * @param request - `text` (a string or strings), `max_length`, `pad_to_max_length`, `padding_side`, `add_special_tokens`.
 * @param options - `basePath`, signal, timeout, retry, headers, request id.
 * @returns `{ tokens }`: `number[]` for a string, `number[][]` for an array of strings.
 * @throws {OvmsError} `InvalidInput` (no model, text neither a string nor strings), `Status`, `Transport`, `Timeout`,
 *   `Aborted`, `Decode` (an answer whose nesting does not match the input).
 * @example
 * ```ts
 * const { tokens } = await tokenize(config, { model: 'llm', text: 'hello world' }); // [14990, 1879]
 * ```
 */
export async function tokenize<T extends string | readonly string[]>(config: ClientConfig, request: TokenizeRequest<T>, options: OpenAiCallOptions = {}): Promise<TokenizeResult<T>> {
  const { model: requested, ...body } = request;
  const model = resolveModel(config, requested);
  const many = Array.isArray(body.text);
  if (!many && typeof body.text !== 'string') throw invalidInput('text', 'expected a string or an array of strings');
  const { tokens } = await openAiPost(config, { operation: 'tokenize', endpoint: 'tokenize', model, payload: body, schema: TokenizeResponseSchema }, options);
  const nested = tokens.length > 0 && Array.isArray(tokens[0]);
  // An empty list fits both; otherwise one text gives a flat list and several give one list each.
  if (tokens.length > 0 && nested !== many) {
    throw decodeError(`tokenize: expected ${many ? 'one token list per text' : 'a flat token list'} in the answer`);
  }
  return { tokens } as TokenizeResult<T>;
}
