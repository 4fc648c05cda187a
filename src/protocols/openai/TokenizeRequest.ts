/** A `POST {base}/tokenize` request (OVMS 2025.4+, rest-api.md §5.1, §5.2). */
export interface TokenizeRequest<T extends string | readonly string[] = string | readonly string[]> {
  /** Any LLM, VLM, embeddings or rerank graph; default: the config's model. */
  readonly model?: string;
  /** One text (flat token list back) or several (one list each). */
  readonly text: T;
  readonly max_length?: number;
  readonly pad_to_max_length?: boolean;
  readonly padding_side?: 'left' | 'right';
  readonly add_special_tokens?: boolean;
}
