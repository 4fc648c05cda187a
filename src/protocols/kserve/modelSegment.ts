import { invalidInput } from '../../errors/OvmsError.js';

/**
 * Encodes a model name as exactly one URL path segment. OVMS matches `[^/]+` and URL-decodes it
 * (rest-api.md §1.1), so `BAAI/bge-reranker-large` must go out as `BAAI%2Fbge-reranker-large`.
 * Names that a URL parser would resolve as a dot segment (`.`, `..`) and names with control
 * characters are rejected, so no name can reach another route. So are names that are not
 * well-formed UTF-16 (a lone surrogate): they have no UTF-8 form, and `encodeURIComponent` would
 * throw a `URIError` (found by the routing property test, tests/reliability/routing.test.ts).
 *
 * @throws {OvmsError} `InvalidInput` for an empty name, `.`/`..`, a control character or a lone surrogate.
 */
export function modelSegment(name: string, field = 'model'): string {
  if (typeof name !== 'string' || name.length === 0) throw invalidInput(field, 'expected a non-empty model name');
  if (name === '.' || name === '..') throw invalidInput(field, `"${name}" is not a valid model name (it would change the URL path)`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw invalidInput(field, `model name ${JSON.stringify(name)} contains a control character`);
  if (LONE_SURROGATE.test(name)) throw invalidInput(field, `model name ${JSON.stringify(name)} is not well-formed unicode (a lone surrogate)`);
  return encodeURIComponent(name);
}

/**
 * A high surrogate not followed by a low one, or a low one not preceded by a high one. Written
 * without a lookbehind, which older Safari cannot parse.
 */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
