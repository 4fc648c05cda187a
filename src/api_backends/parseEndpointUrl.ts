import { isHttpBaseUrl } from '../core/isHttpBaseUrl.js';
import { invalidInput } from '../errors/OvmsError.js';

/** Where an endpoint URL points: its server, model, version, and which API the URL belongs to. */
export interface EndpointTarget {
  /** Undefined: the backend's own server. */
  readonly baseUrl?: string;
  readonly model: string;
  readonly version?: string;
  /** `kserve` for `…/v2/models/{m}…/infer`, `tfs` for `…/v1/models/{m}…:predict`, `base` for a server URL. */
  readonly api?: 'kserve' | 'tfs' | 'base';
}

const KSERVE = /^(.*?)\/v2\/models\/([^/]+)(?:\/versions\/(\d+))?(?:\/infer|\/ready)?\/?$/;
const TFS = /^(.*?)\/v1\/models\/([^/:]+)(?:\/versions\/(\d+))?:predict$/;

/**
 * Reads an endpoint URL of the seed's API: a KServe inference URL, a TensorFlow-Serving `:predict`
 * URL (as the seed's examples write them), or a plain server URL. The model and version in the
 * path win over `model`; the server part becomes the call's base URL. No other URL is invented
 * from it: the calls go to the endpoints OVMS has.
 *
 * @param url - The endpoint URL; undefined means the backend's server.
 * @param model - The model when the URL names none.
 * @throws {OvmsError} `InvalidInput` for a URL that is not absolute http(s).
 */
export function parseEndpointUrl(url: string | undefined, model: string): EndpointTarget {
  if (url === undefined || url === '') return { model };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidInput('endpointUrl', `expected an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
  const origin = parsed.origin;
  const path = parsed.pathname;
  const match = KSERVE.exec(path) ?? TFS.exec(path);
  if (match === null) {
    const baseUrl = `${origin}${path.replace(/\/+$/, '')}`;
    if (!isHttpBaseUrl(baseUrl)) throw invalidInput('endpointUrl', `expected an absolute http(s) URL, got ${JSON.stringify(url)}`);
    return { baseUrl, model, api: 'base' };
  }
  const [, prefix = '', name = model, version] = match;
  return {
    baseUrl: `${origin}${prefix}`,
    model: decodeURIComponent(name),
    ...(version === undefined ? {} : { version }),
    api: path.endsWith(':predict') ? 'tfs' : 'kserve',
  };
}
