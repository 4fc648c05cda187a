/** An OVMS release number: year, minor release and patch. */
export interface OvmsVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/**
 * Reads the release number out of the version string of `GET /v2` (rest-api.md §4.1). OVMS builds
 * it from the release and the git hash, with or without a patch number: `2022.2.c290da85`,
 * `2025.4.0.68b0bfd8c`, `2026.2.1`. A third component counts as the patch only when it is a short
 * number (up to 4 digits) ending the string or followed by `.`, `-`, `+` or `_`; otherwise it is a
 * hash and the patch is 0 (a hash made of digits only is longer than 4). Pure.
 *
 * @param text - The server's version string.
 * @returns The release number, or undefined when the string does not start with `<year>.<minor>`.
 * @example
 * ```ts
 * parseOvmsVersion('2022.2.c290da85'); // { major: 2022, minor: 2, patch: 0 }
 * ```
 */
export function parseOvmsVersion(text: string): OvmsVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*v?(\d+)\.(\d+)(?![0-9A-Za-z])(?:\.(\d{1,4})(?=$|[.\-+_\s]))?/.exec(text);
  if (m === null) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? 0 : Number(m[3]) };
}
