import { invalidInput } from '../errors/OvmsError.js';

/**
 * Turns a caller's version into what goes in the URL: a canonical decimal string, or undefined for
 * the server's default version (`latest`, empty, or `0`, which OVMS also reads as "default",
 * rest-api.md §1.1). Anything else is rejected, so no version can change the route.
 *
 * @throws {OvmsError} `InvalidInput` for a version that is not a non-negative integer or `latest`.
 */
export function normalizeVersion(version: string | number | undefined): string | undefined {
  if (version === undefined) return undefined;
  if (typeof version === 'number') {
    if (!Number.isSafeInteger(version) || version < 0) throw invalidInput('version', `expected a non-negative integer or "latest", got ${version}`);
    return version === 0 ? undefined : String(version);
  }
  const v = version.trim();
  if (v === '' || v.toLowerCase() === 'latest') return undefined;
  if (!/^\d+$/.test(v)) throw invalidInput('version', `expected a non-negative integer or "latest", got ${JSON.stringify(version)}`);
  const canonical = v.replace(/^0+(?=\d)/, '');
  return canonical === '0' ? undefined : canonical;
}
