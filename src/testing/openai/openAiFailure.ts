/**
 * How the OpenAI-style handlers of the test server report a failure before a response is written.
 *
 * OVMS turns every failure into `{"error":"<message>"}` with a status taken from its status map
 * (rest-api.md §1.2, §1.3), so a failure is just that pair.
 */

/** A status code and the `error` text of the body OVMS would send. */
export interface OpenAiFailure {
  readonly status: number;
  readonly message: string;
}

/** The result of a parsing step: a value, or the reason text of an `INVALID_ARGUMENT` failure. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * A successful parse result.
 * @param value the parsed value
 * @returns `{ ok: true, value }`
 */
// @__NO_SIDE_EFFECTS__
export function parsedOk<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/**
 * A failed parse result.
 * @param reason the calculator's message, e.g. `stop is not a string or array of strings`
 * @returns `{ ok: false, reason }`
 */
// @__NO_SIDE_EFFECTS__
export function parsedError<T>(reason: string): Parsed<T> {
  return { ok: false, reason };
}
