/**
 * The body of `GET /v1/config` and `POST /v1/config/reload` (rest-api.md §3, fixtures F22–F28).
 */
import type { Registry } from '../registry/createRegistry.js';

/**
 * The hand-built status map: `{\n"name" : \n<protobuf JSON, 1-space indent>` joined by `,\n`,
 * then `\n}`; `{}` when nothing is served. Entries are sorted by name; retired ones stay as END.
 */
export function formatConfigStatus(registry: Registry): string {
  const entries = registry.entries();
  if (entries.length === 0) return '{}';
  const parts = entries.map((e) => {
    const statuses = [...e.versions.values()]
      .sort((a, b) => a.version - b.version)
      .map((s) => ({ version: String(s.version), state: registry.stateOf(e, s), status: { error_code: s.errorCode, error_message: s.errorCode } }));
    return `${JSON.stringify(e.name)} : \n${JSON.stringify({ model_version_status: statuses }, null, 1)}`;
  });
  return `{\n${parts.join(',\n')}\n}`;
}
