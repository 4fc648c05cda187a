import { CLS_TOKEN_ID, PAD_TOKEN_ID, SEP_TOKEN_ID, splitTextTokens, tokenIdOf } from './testTokenizer.js';

/** Which test tokenizer a servable uses. */
export type TokenizerKind = 'plain' | 'bert';

/** Options of `Tokenizer::encode` that OVMS forwards from a tokenize request. */
export interface EncodeOptions {
  readonly addSpecialTokens: boolean;
  readonly maxLength: number | undefined;
  readonly padToMaxLength: boolean;
  readonly paddingSide: 'left' | 'right';
}

/** A padded batch as OpenVINO GenAI returns it: `input_ids` and `attention_mask` of equal shape. */
export interface EncodedBatch {
  readonly inputIds: readonly (readonly number[])[];
  readonly attentionMask: readonly (readonly number[])[];
}

/**
 * Encodes a batch like `ov::genai::Tokenizer::encode(strings, params)`: truncation to `max_length`
 * (special tokens included), padding to the longest row or, with `pad_to_max_length`, to `max_length`,
 * on `padding_side`. The `plain` tokenizer (LLM, Qwen-like) adds no special tokens; the `bert` one
 * (embeddings, rerank) wraps each row in `[CLS] … [SEP]` when `add_special_tokens` is on.
 *
 * @param texts the strings
 * @param kind tokenizer kind
 * @param options encode options
 * @returns ids and mask
 */
// @__NO_SIDE_EFFECTS__
export function encodeTexts(texts: readonly string[], kind: TokenizerKind, options: EncodeOptions): EncodedBatch {
  const special = kind === 'bert' && options.addSpecialTokens;
  const rows = texts.map((text) => {
    let ids = splitTextTokens(text).map(tokenIdOf);
    if (options.maxLength !== undefined && options.maxLength >= 0) {
      ids = ids.slice(0, Math.max(0, options.maxLength - (special ? 2 : 0)));
    }
    return special ? [CLS_TOKEN_ID, ...ids, SEP_TOKEN_ID] : ids;
  });
  const longest = rows.reduce((max, r) => Math.max(max, r.length), 0);
  const width = options.padToMaxLength && options.maxLength !== undefined ? Math.max(options.maxLength, 0) : longest;
  const inputIds: number[][] = [];
  const attentionMask: number[][] = [];
  for (const row of rows) {
    const kept = row.slice(0, width);
    const pad = new Array<number>(width - kept.length).fill(PAD_TOKEN_ID);
    const ones = new Array<number>(kept.length).fill(1);
    const zeros = new Array<number>(pad.length).fill(0);
    if (options.paddingSide === 'left') {
      inputIds.push([...pad, ...kept]);
      attentionMask.push([...zeros, ...ones]);
    } else {
      inputIds.push([...kept, ...pad]);
      attentionMask.push([...ones, ...zeros]);
    }
  }
  return { inputIds, attentionMask };
}
