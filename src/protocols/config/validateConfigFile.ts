import * as v from 'valibot';
import { ConfigFileSchema, LegacyConfigFileSchema, type ConfigFile } from './configFileSchema.js';

/** The outcome of {@link validateConfigFile}: the document, or a message naming where it breaks the schema. */
export type ConfigFileValidation = { readonly ok: true; readonly value: ConfigFile } | { readonly ok: false; readonly message: string };

/**
 * Checks a parsed config.json against OVMS's schema (rest-api.md §7.1). Pure; shared by the client
 * (before it writes a file) and the test server (before it applies one).
 *
 * @param value - The parsed JSON.
 * @param legacy - Accept the keys removed in 2026.3 (`stateful`, …), as OVMS <= 2026.2 did.
 * @returns `{ ok: true, value }`, or `{ ok: false, message }` where the message names the path,
 *   e.g. `model_config_list[0].config: additional property "mean" is not allowed`.
 */
export function validateConfigFile(value: unknown, legacy = false): ConfigFileValidation {
  const result = v.safeParse(legacy ? LegacyConfigFileSchema : ConfigFileSchema, value);
  if (result.success) return { ok: true, value: result.output as ConfigFile };
  return { ok: false, message: describeIssue(result.issues[0]) };
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => item.key);
  // valibot reports a strict object's unknown key as an issue at that key expecting `never`.
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return `${where(keys.slice(0, -1))}: additional property ${issue.received} is not allowed`;
  }
  if (issue.received === 'undefined' && issue.type === 'strict_object') return `${where(keys)}: required property is missing`;
  return `${where(keys)}: ${issue.message}`;
}

function where(keys: readonly unknown[]): string {
  let out = 'config.json';
  for (const key of keys) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}
