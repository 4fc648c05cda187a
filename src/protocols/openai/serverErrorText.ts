import { parseServerMessage } from '../../errors/parseServerMessage.js';

/**
 * The server's message when `text` is an error object rather than a stream chunk: OVMS's
 * `{"error": "..."}` written raw into the stream (rest-api.md §5.4), or the same object behind
 * `data:` or in OpenAI's `{"error": {"message": ...}}` form, as a gateway may send it.
 *
 * @param text - A raw line or an event's data.
 * @returns The message, or undefined when `text` is not such an object.
 */
export function serverErrorText(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('error' in parsed) || 'choices' in parsed) return undefined;
  return parseServerMessage(trimmed) ?? 'unknown error';
}
