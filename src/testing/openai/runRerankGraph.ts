import type { ServerResponse } from 'node:http';
import { mediapipeFailure } from './mediapipeFailure.js';
import { relevanceScore } from './relevanceScore.js';
import { runTokenize } from './runTokenize.js';
import { sendError } from './sendError.js';
import { sendJson } from './sendJson.js';

/** OVMS's default `max_allowed_chunks` of a rerank graph (rest-api.md §5.5: 100 documents). */
export const RERANK_MAX_DOCUMENTS = 100;

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const present = (json: Readonly<Record<string, unknown>>, key: string): boolean => key in json && json[key] !== null;

/**
 * Runs the test rerank graph (`RerankExecutor`), Cohere format (rest-api.md §5.2, §5.3, fixture F76).
 * A URI ending in `tokenize` tokenizes; any other URI is a rerank request (the calculator checks no
 * endpoint). Validation and messages follow OVMS's `RerankHandler::parseRequest`; more than 100
 * documents fail with `INTERNAL: … Number of documents exceeds max_allowed_chunks`.
 *
 * Answer: `{"results":[{"index":i,"relevance_score":x,"document"?:{"text":…}}]}` sorted by score
 * (ties keep document order), cut to `top_n` (a negative `top_n` keeps all, as OVMS's unsigned
 * comparison does), `document` only with `return_documents: true` and string documents.
 *
 * @param subpath URI after the prefix
 * @param json the body, or `undefined` when it was not JSON
 * @param res the response
 * @returns whether the graph succeeded
 */
export function runRerankGraph(
  subpath: string,
  json: Readonly<Record<string, unknown>> | undefined,
  res: ServerResponse,
): boolean {
  const fail = (reason: string, code: 'INVALID_ARGUMENT' | 'INTERNAL' = 'INVALID_ARGUMENT'): false => {
    sendError(res, mediapipeFailure('RerankExecutor', reason, code));
    return false;
  };
  if (json === undefined) return fail('query field is missing in request');
  if (subpath.endsWith('tokenize')) return runTokenize(json, 'RerankExecutor', 'bert', res);
  if (!('query' in json)) return fail('query field is missing in request');
  const query = json['query'];
  if (typeof query !== 'string') return fail('query is not a string');
  if (!('documents' in json)) return fail('documents field is missing in request');
  const documents = json['documents'];
  if (!Array.isArray(documents)) return fail('documents is not an array');
  const texts: string[] = [];
  let strings = 0;
  let objects = 0;
  for (const d of documents as readonly unknown[]) {
    if (typeof d === 'string') {
      if (objects > 0) return fail('all documents have to be the same type (string or objects)');
      strings += 1;
      texts.push(d);
    } else if (isObject(d)) {
      if (strings > 0) return fail('all documents have to be the same type (string or objects)');
      if (!('title' in d)) return fail('document title field is missing');
      if (typeof d['title'] !== 'string') return fail('document title field have to be string');
      if (!('text' in d)) return fail('document text field is missing');
      if (typeof d['text'] !== 'string') return fail('document text field have to be string');
      objects += 1;
      texts.push(d['text']);
    } else {
      return fail('documents array element is neither string nor object');
    }
  }
  let topN = texts.length;
  if (present(json, 'top_n')) {
    const v = json['top_n'];
    if (!Number.isInteger(v) || Math.abs(v as number) > 2147483647) return fail('top_n accepts integer values');
    topN = (v as number) < 0 ? Number.POSITIVE_INFINITY : (v as number);
  }
  if (present(json, 'rank_fields')) {
    const v = json['rank_fields'];
    if (!Array.isArray(v)) return fail('rank_fields is not an array');
    if (!(v as readonly unknown[]).every((f) => typeof f === 'string')) {
      return fail('rank_fields array element is not a string');
    }
  }
  let returnDocuments = false;
  if (present(json, 'return_documents')) {
    const v = json['return_documents'];
    if (typeof v !== 'boolean') return fail('return_documents accepts boolean values');
    returnDocuments = v;
  }
  if (present(json, 'max_chunks_per_doc') && !Number.isInteger(json['max_chunks_per_doc'])) {
    return fail('max_chunks_per_doc accepts integer values');
  }
  if (strings > RERANK_MAX_DOCUMENTS) {
    // A runtime_error inside the calculator, hence INTERNAL rather than INVALID_ARGUMENT.
    return fail('Number of documents exceeds max_allowed_chunks', 'INTERNAL');
  }
  if (returnDocuments && objects > 0) return fail('document map not supported');
  const ranked = texts
    .map((text, index) => ({ index, text, score: relevanceScore(query, text) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, topN);
  const results = ranked.map((r) =>
    returnDocuments
      ? { index: r.index, relevance_score: r.score, document: { text: r.text } }
      : { index: r.index, relevance_score: r.score },
  );
  sendJson(res, 200, JSON.stringify({ results }));
  return true;
}
