import type { ModelVersionStatus, ServableStatus } from './configStatusSchema.js';

/**
 * The version status that answers for a servable: the given version, or else the one OVMS serves
 * when a request names none — the highest `AVAILABLE` version (OVMS's default version) — or,
 * while none is available, the highest version that is not retired (`END`), or else the highest.
 *
 * @param entry - The servable's entry of the status map.
 * @param version - A canonical decimal version, or undefined for the default.
 * @returns The status, or undefined when the servable has no such version (or no version at all).
 */
export function servedVersion(entry: ServableStatus, version?: string): ModelVersionStatus | undefined {
  const list = entry.model_version_status;
  if (version !== undefined) return list.find((s) => s.version === version);
  const byVersionDesc = [...list].sort((a, b) => Number(b.version) - Number(a.version));
  return byVersionDesc.find((s) => s.state === 'AVAILABLE') ?? byVersionDesc.find((s) => s.state !== 'END') ?? byVersionDesc[0];
}
