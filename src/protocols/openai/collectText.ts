import type { ChatCompletionChunk, CompletionChunk } from './openaiSchemas.js';

/**
 * Reads a chat or completions stream to its end and returns the whole generated text of one choice
 * (the `delta.content` of chat chunks, the `text` of completions chunks). The usage chunk and the
 * handshake chunk carry no text and are skipped.
 *
 * @param stream - From `streamChatCompletion` or `streamCompletion` (or any iterable of their chunks).
 * @param options - `choice`: which choice index to collect when `n > 1` (default 0).
 * @returns The text.
 * @throws {OvmsError} Whatever the stream throws (`Status`, `Stream`, `Transport`, `Timeout`, `Aborted`, `Decode`).
 * @example
 * ```ts
 * const text = await collectText(streamChatCompletion(config, { messages: [{ role: 'user', content: 'Hi' }] }));
 * ```
 */
export async function collectText(
  stream: AsyncIterable<ChatCompletionChunk | CompletionChunk>,
  options: { readonly choice?: number } = {},
): Promise<string> {
  const index = options.choice ?? 0;
  let text = '';
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      if (choice.index !== index) continue;
      text += ('delta' in choice ? choice.delta.content : choice.text) ?? '';
    }
  }
  return text;
}
