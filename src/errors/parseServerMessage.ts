/**
 * Extracts OVMS's error text from a response body. OVMS answers `{"error":"..."}` (compact, or the
 * config API's `{\n\t"error": "..."\n}`, rest-api.md §1.2); a gateway in front of it may answer
 * OpenAI's `{"error":{"message":...}}` or plain text. Returns undefined when there is no text.
 */
export function parseServerMessage(bodyText: string): string | undefined {
  const text = bodyText.trim();
  if (text === '') return undefined;
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
        const error = (parsed as { error: unknown }).error;
        if (typeof error === 'string') return error;
        if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
          return (error as { message: string }).message;
        }
      }
    } catch {
      // Not JSON after all: fall through to the raw text.
    }
  }
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
