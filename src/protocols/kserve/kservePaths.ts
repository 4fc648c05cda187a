import { invalidInput } from '../../errors/OvmsError.js';
import { modelSegment } from './modelSegment.js';

/** KServe v2 server-level paths (rest-api.md §4.1). */
export const KSERVE_LIVE_PATH = '/v2/health/live';
/** Server readiness. */
export const KSERVE_READY_PATH = '/v2/health/ready';
/** Server metadata. */
export const KSERVE_SERVER_METADATA_PATH = '/v2';

/**
 * A model-level KServe path: `/v2/models/{name}[/versions/{v}][/{action}]`. The version segment
 * is added only for a canonical numeric version (absent means the server's default).
 *
 * @param model - The model name; encoded as one segment.
 * @param version - A canonical version from `normalizeVersion`, or undefined.
 * @param action - `ready`, `infer`, or none for metadata.
 * @throws {OvmsError} `InvalidInput` for an unusable name or a non-numeric version.
 */
export function kserveModelPath(model: string, version: string | undefined, action?: 'ready' | 'infer'): string {
  let path = `/v2/models/${modelSegment(model)}`;
  if (version !== undefined) {
    // Defence in depth: routing normalises versions, but a custom middleware could replace one.
    if (!/^\d+$/.test(version)) throw invalidInput('version', `expected digits, got ${JSON.stringify(version)}`);
    path += `/versions/${version}`;
  }
  return action === undefined ? path : `${path}/${action}`;
}
