/** A document to rerank: a string, or Cohere's `{ title?, text }` (which OVMS parses, but `return_documents` then fails). */
export type RerankDocument = string | { readonly title?: string; readonly text: string };

/** A `POST {base}/rerank` request, in Cohere's format rather than OpenAI's (rest-api.md §5.1, §5.2). */
export interface RerankRequest {
  /** The rerank graph; default: the config's model. */
  readonly model?: string;
  readonly query: string;
  readonly documents: readonly RerankDocument[];
  /** Keep only the best `top_n` results. */
  readonly top_n?: number;
  /** Echo each document's text in its result. */
  readonly return_documents?: boolean;
  readonly rank_fields?: readonly string[];
  /** Long documents are split into chunks; at most this many per document (OVMS default 10). */
  readonly max_chunks_per_doc?: number;
}
