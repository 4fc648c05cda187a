/** Dimension of the test embeddings servable (that of bge-small-en-v1.5 / all-MiniLM-L6-v2). */
export const EMBEDDING_DIM = 384;

/**
 * A deterministic unit-length float32 embedding: the normalized sum of one pseudo-random vector per
 * token id (mulberry32 seeded by the id). Texts that share tokens get a positive cosine similarity, so
 * search demos behave sensibly.
 *
 * @param ids token ids of one document (attended positions only)
 * @param dim vector length
 * @returns the vector, L2 norm 1 (up to float32 rounding); all zeros only for an empty document
 */
// @__NO_SIDE_EFFECTS__
export function embedTokenIds(ids: readonly number[], dim: number = EMBEDDING_DIM): Float32Array {
  const sum = new Float64Array(dim);
  for (const id of ids) {
    let state = (id * 0x9e3779b1) >>> 0;
    for (let i = 0; i < dim; i += 1) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      sum[i] = (sum[i] ?? 0) + (unit * 2 - 1);
    }
  }
  let norm = 0;
  for (const v of sum) norm += v * v;
  // OVMS normalizes with max(norm, 1e-12) (`EmbeddingsHandler::parseResponse`).
  const denom = Math.max(Math.sqrt(norm), 1e-12);
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i += 1) out[i] = (sum[i] ?? 0) / denom;
  return out;
}
