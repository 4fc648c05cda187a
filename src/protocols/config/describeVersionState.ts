import type { ModelVersionStatus, ServableStatus } from './configStatusSchema.js';

/**
 * A short human description of where a servable stands, for error messages:
 * `LOADING (version 2)`, `LOADING (version 2, UNKNOWN: …)`, `version 3 is not listed (versions: 1, 2)`.
 *
 * @param entry - The servable's status entry.
 * @param status - The version that was looked at, if any.
 * @param version - The version asked for, if any.
 * @returns The description.
 */
export function describeVersionState(entry: ServableStatus, status: ModelVersionStatus | undefined, version: string | undefined): string {
  const versions = entry.model_version_status.map((s) => s.version);
  if (status === undefined) {
    return version === undefined ? 'no version is loaded (no version folder?)' : `version ${version} is not listed (versions: ${versions.join(', ') || 'none'})`;
  }
  const error = status.status.error_code === 'OK' ? '' : `, ${status.status.error_code}: ${status.status.error_message}`;
  return `${status.state} (version ${status.version}${error})`;
}
