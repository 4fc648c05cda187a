import type { OpenAiBasePath } from '../../config/ClientConfig.js';
import { invalidInput } from '../../errors/OvmsError.js';
import { LONE_SURROGATE } from '../kserve/modelSegment.js';
import { openaiPath } from './openaiPath.js';

/**
 * The path of `GET {base}/models/{id}`. OVMS matches the id with `models/(.+)`, so a graph name such
 * as `BAAI/bge-reranker-large` keeps its `/` (rest-api.md §1.1, fixture F68); every segment between
 * the slashes is percent-encoded, so no id can add a query, a fragment or a dot segment.
 *
 * @param basePath - `/v3` or `/v1`.
 * @param id - The servable's name.
 * @returns The path.
 * @throws {OvmsError} `InvalidInput` (field `model`) for an empty id, an empty, `.` or `..` segment, a control
 *   character, or a lone surrogate (which has no UTF-8 form: `encodeURIComponent` would throw a `URIError`).
 */
export function openaiModelPath(basePath: OpenAiBasePath, id: string): string {
  if (typeof id !== 'string' || id.length === 0) throw invalidInput('model', 'expected a non-empty model id');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(id)) throw invalidInput('model', `model id ${JSON.stringify(id)} contains a control character`);
  if (LONE_SURROGATE.test(id)) throw invalidInput('model', `model id ${JSON.stringify(id)} is not well-formed unicode (a lone surrogate)`);
  const segments = id.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw invalidInput('model', `model id ${JSON.stringify(id)} has an empty, "." or ".." segment, which would change the URL path`);
  }
  return `${openaiPath(basePath, 'models')}/${segments.map(encodeURIComponent).join('/')}`;
}
