/** A `POST {base}/embeddings` request (rest-api.md §5.2). */
export interface EmbeddingsRequest {
  /** The embeddings graph; default: the config's model. */
  readonly model?: string;
  /** One text, several texts, or already-tokenized input (token ids, or one array of ids per document). */
  readonly input: string | readonly string[] | readonly number[] | readonly (readonly number[])[];
  /**
   * How vectors travel: `base64` (the default here: little-endian float32, about a third the size of
   * the JSON numbers) or `float`. Either way the result holds `Float32Array`s.
   */
  readonly encoding_format?: 'base64' | 'float';
}
