import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveModel } from '../core/resolveTarget.js';
import { invalidInput } from '../errors/OvmsError.js';
import type { CompletionStreamRequest } from '../protocols/openai/CompletionRequest.js';
import type { OpenAiStreamOptions } from '../protocols/openai/OpenAiCallOptions.js';
import { openAiStream, type OpenAiStream } from '../protocols/openai/openAiStream.js';
import { CompletionChunkSchema, type CompletionChunk } from '../protocols/openai/openaiSchemas.js';

/**
 * Streams the continuation of a prompt. Calls `POST {base}/completions` with `stream: true`; chunks
 * have `object: "text_completion.chunk"` (an OVMS-specific name, rest-api.md §5.4) and the text in
 * `choices[i].text`. Same laziness, cancellation, usage and error behaviour as `streamChatCompletion`.
 *
 * @param config - From `createConfig`; its `model` is used when the request names none.
 * @param request - The prompt, generation fields and `stream_options`.
 * @param options - `basePath`, `signal`, `timeout`, `idleTimeout`, headers, retry, request id.
 * @returns An async iterable of {@link CompletionChunk}s, to iterate once.
 * @throws {OvmsError} Synchronously: `InvalidInput`. While iterating: `Status`, `Stream`, `Transport`
 *   (`ECONNRESET`), `Timeout` (`ETIMEDOUT`), `Aborted`, `Decode`.
 * @example
 * ```ts
 * for await (const chunk of streamCompletion(config, { prompt: 'OpenVINO is' })) process.stdout.write(chunk.choices[0]?.text ?? '');
 * ```
 */
export function streamCompletion(config: ClientConfig, request: CompletionStreamRequest, options: OpenAiStreamOptions = {}): OpenAiStream<CompletionChunk> {
  const { model: requested, ...body } = request;
  const model = resolveModel(config, requested);
  if (typeof body.prompt !== 'string') throw invalidInput('prompt', 'expected a string (OVMS accepts a single prompt)');
  return openAiStream(
    config,
    { operation: 'streamCompletion', endpoint: 'completions', model, payload: { ...body, stream: true }, schema: CompletionChunkSchema },
    options,
  );
}
