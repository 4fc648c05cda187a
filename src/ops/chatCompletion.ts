import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveModel } from '../core/resolveTarget.js';
import { invalidInput } from '../errors/OvmsError.js';
import type { ChatCompletionRequest } from '../protocols/openai/ChatCompletionRequest.js';
import type { OpenAiCallOptions } from '../protocols/openai/OpenAiCallOptions.js';
import { openAiPost } from '../protocols/openai/openAiPost.js';
import { ChatCompletionSchema, type ChatCompletion } from '../protocols/openai/openaiSchemas.js';

/**
 * Generates a chat answer in one piece. Calls `POST {base}/chat/completions` (base `/v3` by default,
 * rest-api.md §5.1–§5.3) with `stream: false`. OVMS's answer has no `id`; `message.tool_calls` is
 * always an array; errors are OVMS's `{"error": "..."}` text on `error.serverMessage` (§5.5).
 *
 * @param config - From `createConfig`; its `model` is used when the request names none.
 * @param request - Messages and generation fields, with OpenAI's (snake_case) names.
 * @param options - `basePath` (`/v3` | `/v1`), signal, timeout, retry, headers, request id.
 * @returns The answer: `choices[i].message`, `usage`, `created`, `model`.
 * @throws {OvmsError} `InvalidInput` (no model, no messages), `Status` (e.g. 400 `Mediapipe execution failed…`,
 *   404 unknown graph, 500 bad API key), `Transport`, `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const answer = await chatCompletion(config, { model: 'llm', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 64 });
 * answer.choices[0]?.message.content;
 * ```
 */
export async function chatCompletion(config: ClientConfig, request: ChatCompletionRequest, options: OpenAiCallOptions = {}): Promise<ChatCompletion> {
  const { model: requested, ...body } = request;
  const model = resolveModel(config, requested);
  if (!Array.isArray(body.messages)) throw invalidInput('messages', 'expected an array of chat messages');
  return openAiPost(
    config,
    { operation: 'chatCompletion', endpoint: 'chat/completions', model, payload: { ...body, stream: false }, schema: ChatCompletionSchema },
    options,
  );
}
