import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveModel } from '../core/resolveTarget.js';
import { invalidInput } from '../errors/OvmsError.js';
import type { CompletionRequest } from '../protocols/openai/CompletionRequest.js';
import type { OpenAiCallOptions } from '../protocols/openai/OpenAiCallOptions.js';
import { openAiPost } from '../protocols/openai/openAiPost.js';
import { CompletionSchema, type Completion } from '../protocols/openai/openaiSchemas.js';

/**
 * Continues a prompt in one piece. Calls `POST {base}/completions` (rest-api.md §5.1–§5.3) with
 * `stream: false`; OVMS accepts a single string prompt only.
 *
 * @param config - From `createConfig`; its `model` is used when the request names none.
 * @param request - The prompt and generation fields (OpenAI's names).
 * @param options - `basePath`, signal, timeout, retry, headers, request id.
 * @returns The answer: `choices[i].text`, `usage`, `created`, `model` (`object: "text_completion"`).
 * @throws {OvmsError} `InvalidInput` (no model, prompt not a string), `Status`, `Transport`, `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const { choices } = await completion(config, { model: 'llm', prompt: 'OpenVINO is', max_tokens: 32 });
 * ```
 */
export async function completion(config: ClientConfig, request: CompletionRequest, options: OpenAiCallOptions = {}): Promise<Completion> {
  const { model: requested, ...body } = request;
  const model = resolveModel(config, requested);
  if (typeof body.prompt !== 'string') throw invalidInput('prompt', 'expected a string (OVMS accepts a single prompt)');
  return openAiPost(config, { operation: 'completion', endpoint: 'completions', model, payload: { ...body, stream: false }, schema: CompletionSchema }, options);
}
