/**
 * The deterministic tokenizer shared by the test server's LLM, embeddings and rerank servables.
 *
 * A token is a run of letters/digits or a single other character, together with the whitespace before
 * it; trailing whitespace is a token of its own. Concatenating the tokens gives back the exact text, so
 * a streamed reply (one chunk per token) joins to the unary reply. Ids are stable hashes, not a real
 * vocabulary: 0 is padding, 101/102 are the BERT-style `[CLS]`/`[SEP]` of the embeddings and rerank
 * servables, and word ids live in 1000..30999.
 */

/** Padding id, as in BERT vocabularies. */
export const PAD_TOKEN_ID = 0;
/** `[CLS]`, prepended by the embeddings/rerank tokenizer when `add_special_tokens` is on. */
export const CLS_TOKEN_ID = 101;
/** `[SEP]`, appended by the embeddings/rerank tokenizer when `add_special_tokens` is on. */
export const SEP_TOKEN_ID = 102;

/**
 * Splits a text into tokens whose concatenation is the text.
 * @param text any text
 * @returns the token strings, e.g. `"Hello, world"` → `["Hello", ",", " world"]`
 */
// @__NO_SIDE_EFFECTS__
export function splitTextTokens(text: string): string[] {
  // Built per call: a global regex keeps `lastIndex` state, which must not live at module level.
  const piece = /\s*(?:[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_])|\s+/gu;
  return text.match(piece) ?? [];
}

/**
 * The id of one token: FNV-1a of the token without surrounding whitespace, lower-cased, so that
 * `" Paris"` and `"paris"` share an id (embeddings and rerank compare words, not spellings).
 * @param token a token from {@link splitTextTokens}
 * @returns an id in 1000..30999
 */
// @__NO_SIDE_EFFECTS__
export function tokenIdOf(token: string): number {
  return 1000 + (fnv1a(token.trim().toLowerCase()) % 30000);
}

/**
 * 32-bit FNV-1a hash of a string's UTF-16 code units; the seed of every "random" value of the servables.
 * @param text input
 * @returns an unsigned 32-bit hash
 */
// @__NO_SIDE_EFFECTS__
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
