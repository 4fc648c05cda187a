import { fnv1a, splitTextTokens } from './testTokenizer.js';

/**
 * The deterministic relevance score of the test rerank servable: a sigmoid of the share of query words
 * found in the document (`8·overlap − 4`, so no overlap ≈ 0.018 and full overlap ≈ 0.982), plus a tiny
 * document-dependent offset (±0.01 on the logit) so scores are rarely equal. Rounded to float32 as the
 * model's output is.
 *
 * @param query the query text
 * @param document the document text
 * @returns a score in (0, 1)
 */
// @__NO_SIDE_EFFECTS__
export function relevanceScore(query: string, document: string): number {
  const words = (text: string): Set<string> =>
    new Set(
      splitTextTokens(text)
        .map((t) => t.trim().toLowerCase())
        .filter((t) => /[\p{L}\p{N}]/u.test(t)),
    );
  const q = words(query);
  const d = words(document);
  let shared = 0;
  for (const w of q) if (d.has(w)) shared += 1;
  const overlap = q.size === 0 ? 0 : shared / q.size;
  const jitter = ((fnv1a(document) % 1001) / 1000 - 0.5) * 0.02;
  const logit = 8 * overlap - 4 + jitter;
  // Same formula as OVMS's rerank calculator: sigmoid of the logit, kept as float32.
  return Math.fround(1 / (1 + Math.exp(-logit)));
}
