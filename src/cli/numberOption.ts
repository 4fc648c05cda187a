import type { OptionValues } from './Command.js';
import { usageError } from './usageError.js';

/**
 * A numeric option's value, checked: finite, at least `min`, an integer when asked.
 *
 * @param values - Parsed options.
 * @param name - Option name without dashes.
 * @param rules - `min` (default 0, inclusive), `integer`, `fallback` when the option is absent.
 * @returns The number, or `fallback`.
 * @throws {OvmsError} a usage error naming the option.
 */
export function numberOption(values: OptionValues, name: string, rules: { readonly min?: number; readonly integer?: boolean; readonly fallback: number }): number;
export function numberOption(values: OptionValues, name: string, rules: { readonly min?: number; readonly integer?: boolean; readonly fallback?: undefined }): number | undefined;
export function numberOption(values: OptionValues, name: string, rules: { readonly min?: number; readonly integer?: boolean; readonly fallback?: number | undefined }): number | undefined {
  const raw = values[name];
  if (raw === undefined) return rules.fallback;
  const text = String(raw);
  const n = text.trim() === '' ? Number.NaN : Number(text);
  const min = rules.min ?? 0;
  if (!Number.isFinite(n) || n < min || (rules.integer === true && !Number.isInteger(n))) {
    throw usageError(`--${name} must be ${rules.integer === true ? 'an integer' : 'a number'} >= ${min}, got '${text}'`, name);
  }
  return n;
}
