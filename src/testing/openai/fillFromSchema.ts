/**
 * Builds a deterministic value that satisfies a (simple) JSON schema: the arguments of a tool call or a
 * `response_format` answer of the test LLM. Strings take `hint` (or the first `enum` value), integers
 * 1, numbers 1.5, booleans true; objects fill every declared property.
 *
 * @param schema a JSON schema object (anything else is treated as `{"type":"string"}`)
 * @param hint the string to put into string fields
 * @param depth recursion guard for self-referencing schemas
 * @returns a JSON value
 */
// @__NO_SIDE_EFFECTS__
export function fillFromSchema(schema: unknown, hint: string, depth = 0): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema) || depth > 8) {
    return hint;
  }
  const s = schema as Readonly<Record<string, unknown>>;
  const enumValues = s['enum'];
  if (Array.isArray(enumValues) && enumValues.length > 0) {
    return enumValues[0] as unknown;
  }
  const type = Array.isArray(s['type']) ? (s['type'] as readonly unknown[])[0] : s['type'];
  switch (type) {
    case 'object': {
      const properties = s['properties'];
      const out: Record<string, unknown> = {};
      if (properties !== null && typeof properties === 'object') {
        for (const [key, sub] of Object.entries(properties as Record<string, unknown>)) {
          out[key] = fillFromSchema(sub, hint, depth + 1);
        }
      }
      return out;
    }
    case 'array':
      return [fillFromSchema(s['items'], hint, depth + 1)];
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return hint;
  }
}
