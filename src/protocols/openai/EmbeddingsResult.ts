/** One vector of an embeddings answer. */
export interface Embedding {
  readonly object: string;
  /** The position of its input in the request. */
  readonly index: number;
  readonly embedding: Float32Array;
}

/**
 * An embeddings answer with every vector decoded into a `Float32Array`, whichever encoding travelled,
 * ordered by `index`. OVMS sends no `model` (rest-api.md §5.3); it is present only when a server does.
 */
export interface EmbeddingsResult {
  readonly object: string;
  readonly model?: string;
  readonly data: readonly Embedding[];
  readonly usage?: { readonly prompt_tokens: number; readonly total_tokens: number };
}
