import type { IncomingHttpHeaders } from 'node:http';

/**
 * The API-key check of OVMS's OpenAI POST handler (rest-api.md §1.4): the `Authorization` header (name
 * case-insensitive — Node lower-cases header names) must equal `Bearer <key>` exactly.
 *
 * @param headers request headers as Node parsed them
 * @param apiKey the configured key
 * @returns whether the request may proceed
 */
// @__NO_SIDE_EFFECTS__
export function isAuthorized(headers: IncomingHttpHeaders, apiKey: string): boolean {
  const value = headers.authorization;
  return value === `Bearer ${apiKey}`;
}
