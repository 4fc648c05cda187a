import { invalidInput } from '../errors/OvmsError.js';
import { parseOvmsVersion, type OvmsVersion } from './parseOvmsVersion.js';

/**
 * Orders two OVMS version strings by release (year, minor, patch), ignoring build hashes:
 * `2022.2.c290da85` < `2026.2.1` < `2026.3` = `2026.3.0.68b0bfd8c`. Usable with `Array.sort`. Pure.
 *
 * @param a - A version string (from `GET /v2`, or a release such as `2026.3`).
 * @param b - Another one.
 * @returns -1 when `a` is older, 1 when newer, 0 for the same release.
 * @throws {OvmsError} `InvalidInput` for a string that does not start with `<year>.<minor>`.
 * @example
 * ```ts
 * compareOvmsVersion('2026.2.1', '2026.3') < 0; // true: this server still has the TFS API
 * ```
 */
export function compareOvmsVersion(a: string, b: string): -1 | 0 | 1 {
  const x = parsed(a, 'a');
  const y = parsed(b, 'b');
  const d = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

function parsed(text: string, field: string): OvmsVersion {
  const v = parseOvmsVersion(text);
  if (v === undefined) throw invalidInput(field, `expected an OVMS version such as "2026.2.1" or "2022.2.c290da85", got ${JSON.stringify(text)}`);
  return v;
}
