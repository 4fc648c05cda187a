import type { ClientConfig } from '../config/ClientConfig.js';
import { invalidInput } from '../errors/OvmsError.js';
import { normalizeVersion } from '../middleware/normalizeVersion.js';

/**
 * The model an operation targets: the one it names, else the config's default.
 *
 * @throws {OvmsError} `InvalidInput` when neither exists.
 */
export function resolveModel(config: Pick<ClientConfig, 'model'>, model: string | undefined): string {
  const name = model ?? config.model;
  if (name === undefined || name === '') throw invalidInput('model', 'no model given, and the config has no default model (createConfig({ model }))');
  return name;
}

/**
 * The canonical version a call targets: its own, else the config's version when the call targets
 * the config's default model. Undefined means the server's default version.
 *
 * @throws {OvmsError} `InvalidInput` for a version that is not a non-negative integer or `latest`.
 */
export function resolveVersion(config: Pick<ClientConfig, 'model' | 'version'>, model: string | undefined, version: string | number | undefined): string | undefined {
  return normalizeVersion(version ?? (model !== undefined && model === config.model ? config.version : undefined));
}

/**
 * A caller's version as the pipeline carries it before routing: as given (so that an explicit
 * `latest` or `0` still overrides the config's version), as a string.
 */
export function versionAsGiven(version: string | number | undefined): string | undefined {
  return version === undefined ? undefined : String(version);
}
