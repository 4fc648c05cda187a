import { invalidInput } from '../../errors/OvmsError.js';
import { modelSegment } from '../kserve/modelSegment.js';

/**
 * Encodes a model name as the one path segment of a TensorFlow-Serving URL. OVMS <= 2026.2 routes
 * TFS calls with `/v1/models/([^/:]+)…` (rest-api.md §1.1, §2): a `:` in the name would be read as
 * the start of `:predict`, and a `/` as a new segment. Whether a percent-encoded `%3A`/`%2F` is
 * decoded after matching differs between releases (the net_http-era handler passed the raw match
 * on), so such a name has no reliable TFS address and is refused here; KServe (`/v2/models/…`)
 * addresses it.
 *
 * @param name - The model name.
 * @returns The encoded segment.
 * @throws {OvmsError} `InvalidInput` for a name with `:` or `/`, and for every name `modelSegment` refuses.
 */
export function tfsModelSegment(name: string): string {
  const segment = modelSegment(name);
  if (/[:/]/.test(name)) {
    throw invalidInput(
      'model',
      `model name ${JSON.stringify(name)} contains "${name.includes(':') ? ':' : '/'}", which the TensorFlow-Serving API cannot address (OVMS matches TFS model names with [^/:]+, rest-api.md §1.1); use the KServe API (infer, getModelMetadataWithShapes) for this model`,
    );
  }
  return segment;
}

/**
 * A TensorFlow-Serving model path (rest-api.md §2): `/v1/models/{m}[/versions/{v}]` (status),
 * `…/metadata`, or `…:predict`. The version segment is added only for a canonical numeric version
 * (absent means the server's default).
 *
 * @param model - The model name; encoded as one segment (see {@link tfsModelSegment}).
 * @param version - A canonical version from `normalizeVersion`, or undefined.
 * @param action - `metadata`, `predict`, or none for the model status.
 * @returns The path, to append to the base URL.
 * @throws {OvmsError} `InvalidInput` for a name TFS cannot address or a non-numeric version.
 */
export function tfsModelPath(model: string, version: string | undefined, action?: 'metadata' | 'predict'): string {
  let path = `/v1/models/${tfsModelSegment(model)}`;
  if (version !== undefined) {
    // Routing normalises versions; a custom middleware could still replace one.
    if (!/^\d+$/.test(version)) throw invalidInput('version', `expected digits, got ${JSON.stringify(version)}`);
    path += `/versions/${version}`;
  }
  if (action === 'metadata') return `${path}/metadata`;
  if (action === 'predict') return `${path}:predict`;
  return path;
}
