import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveModel } from '../core/resolveTarget.js';
import { invalidInput } from '../errors/OvmsError.js';
import type { ChatCompletionStreamRequest } from '../protocols/openai/ChatCompletionRequest.js';
import type { OpenAiStreamOptions } from '../protocols/openai/OpenAiCallOptions.js';
import { openAiStream, type OpenAiStream } from '../protocols/openai/openAiStream.js';
import { ChatCompletionChunkSchema, type ChatCompletionChunk } from '../protocols/openai/openaiSchemas.js';

/**
 * Streams a chat answer chunk by chunk. Calls `POST {base}/chat/completions` with `stream: true`
 * (rest-api.md §5.4) and reads the server-sent events until `data: [DONE]`.
 *
 * Lazy: the request is sent when iteration starts, so a stream that is never iterated costs nothing.
 * The first chunk is usually OVMS's handshake (`delta: { role: "assistant", content: null }`); with
 * `stream_options: { include_usage: true }` the last one has `choices: []` and the `usage`.
 * Leaving the `for await` loop early, or aborting `options.signal`, closes the connection, which
 * makes OVMS stop generating. Nothing (timer, listener) is left behind once the stream is over.
 *
 * @param config - From `createConfig`; its `model` is used when the request names none.
 * @param request - Messages, generation fields and `stream_options` (`stream` is set for you).
 * @param options - `basePath`, `signal`, `timeout` (until the first chunk: OVMS sends the headers with it),
 *   `idleTimeout` (between chunks; default the timeout), headers, retry (before the first chunk only), request id.
 * @returns An async iterable of {@link ChatCompletionChunk}s, to iterate once.
 * @throws {OvmsError} Synchronously: `InvalidInput` (no model, no messages, bad `idleTimeout` or base path).
 *   While iterating: `Status` (an error before the first token is plain JSON, e.g. 400), `Stream` (an error
 *   OVMS wrote into the open stream; text on `serverMessage`), `Transport` (`ECONNRESET`: ended without
 *   `[DONE]`), `Timeout` (`ETIMEDOUT`), `Aborted`, `Decode`.
 * @example
 * ```ts
 * for await (const chunk of streamChatCompletion(config, { messages: [{ role: 'user', content: 'Hello' }] })) {
 *   process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 * }
 * ```
 */
export function streamChatCompletion(config: ClientConfig, request: ChatCompletionStreamRequest, options: OpenAiStreamOptions = {}): OpenAiStream<ChatCompletionChunk> {
  const { model: requested, ...body } = request;
  const model = resolveModel(config, requested);
  if (!Array.isArray(body.messages)) throw invalidInput('messages', 'expected an array of chat messages');
  return openAiStream(
    config,
    { operation: 'streamChatCompletion', endpoint: 'chat/completions', model, payload: { ...body, stream: true }, schema: ChatCompletionChunkSchema },
    options,
  );
}
