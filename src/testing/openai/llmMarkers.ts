/**
 * Magic markers the test server's LLM reacts to, so that clients can test failure paths. Put one
 * anywhere in a chat message or a completions prompt; markers are removed from the echoed text.
 */
export const LLM_MARKERS = /*#__PURE__*/ Object.freeze({
  /**
   * Streaming: the handshake and the first tokens are sent, then a raw `{"error":"..."}` chunk (no
   * `data:` prefix) is written into the open 200 stream and the response ends without `[DONE]` — what
   * OVMS's executor does when generation fails after streaming started (rest-api.md §5.4).
   * Unary: the request fails with 400 before anything is written.
   */
  failMidStream: '[[fail-mid-stream]]',
  /** Generation fails before the first token: plain JSON 400 in both modes (rest-api.md §5.4). */
  failGeneration: '[[fail-generation]]',
});

/**
 * Removes every marker from a text.
 * @param text message content or prompt
 * @returns the text without markers
 */
// @__NO_SIDE_EFFECTS__
export function stripLlmMarkers(text: string): string {
  return Object.values(LLM_MARKERS).reduce((acc, marker) => acc.split(marker).join(''), text);
}
