/**
 * `{ [key]: value }` when value is defined, else `{}`: spreads an optional property without writing
 * `key: undefined`, which `exactOptionalPropertyTypes` (rightly) forbids.
 */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
