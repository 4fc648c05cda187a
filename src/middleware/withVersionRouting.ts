import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveVersion } from '../core/resolveTarget.js';
import type { Middleware } from '../core/types.js';

/**
 * Resolves which model version a request targets. A version given with the call wins; otherwise
 * the config's version applies, but only to the config's default model (a pinned version of one
 * model says nothing about another). The result is canonical (`"3"`) or absent (the server's
 * default); protocols add `/versions/{v}` only when it is present.
 *
 * @throws {OvmsError} `InvalidInput` for a version that is not a non-negative integer or `latest`.
 */
export function withVersionRouting(config: Pick<ClientConfig, 'model' | 'version'>): Middleware {
  return (next) => (request) => {
    const version = resolveVersion(config, request.model, request.version);
    if (version === request.version) return next(request);
    const { version: _dropped, ...rest } = request;
    return next(version === undefined ? rest : { ...rest, version });
  };
}
