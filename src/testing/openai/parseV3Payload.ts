import type { IncomingHttpHeaders } from 'node:http';
import { jsonDepth } from './jsonDepth.js';
import type { OpenAiFailure } from './openAiFailure.js';

/** What OVMS's OpenAI handler knows before it picks a graph (`createV3HttpPayload`). */
export interface V3Payload {
  /** The graph to run: the JSON `model` field, or the URI after the prefix for non-JSON bodies. */
  readonly graphName: string;
  /** The parsed body; `undefined` when the body was not sent as JSON. */
  readonly json: Readonly<Record<string, unknown>> | undefined;
  /** `stream` of a text-generation request (only those URIs look at it). */
  readonly stream: boolean;
}

/**
 * The deepest JSON accepted. OVMS rejects 200 levels (`http_openai_handler_test.cpp`,
 * JsonBodyExceedsNestingDepth); the exact bound is not documented, so this uses the KServe bound of
 * rest-api.md §4.3.
 */
const MAX_JSON_DEPTH = 100;

const invalidJson = (detail: string): OpenAiFailure => ({
  status: 412,
  message: `The file is not valid json - ${detail}`,
});

/**
 * Reads a POST body the way OVMS does before any graph runs (rest-api.md §5.1 routing, §5.5 errors).
 *
 * - Content-Type containing `application/json`: the body must parse (412 `Cannot parse JSON body`), be
 *   an object (412), not be too deep (412), carry a string `model` (412), and on text-generation URIs
 *   (`…completions`, `responses`) a boolean `stream` if present (412).
 * - Any other Content-Type (or none): the graph name is the URI after the prefix (F83, F92), which
 *   normally names no graph and ends in 404.
 *
 * @param subpath URI after `/v3/`, `/v1/` or `/v3/v1/`
 * @param headers request headers
 * @param body raw request body
 * @returns the payload, or the 412 failure
 */
export function parseV3Payload(
  subpath: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): { readonly ok: true; readonly value: V3Payload } | { readonly ok: false; readonly failure: OpenAiFailure } {
  const contentType = headers['content-type'] ?? '';
  if (!contentType.includes('application/json')) {
    return { ok: true, value: { graphName: subpath, json: undefined, stream: false } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, failure: invalidJson('Cannot parse JSON body') };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, failure: invalidJson('JSON body must be an object') };
  }
  if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
    return { ok: false, failure: invalidJson('JSON body exceeds maximum nesting depth') };
  }
  const json = parsed as Record<string, unknown>;
  if (!('model' in json)) {
    return { ok: false, failure: invalidJson('model field is missing in JSON body') };
  }
  const model = json['model'];
  if (typeof model !== 'string') {
    return { ok: false, failure: invalidJson('model field is not a string') };
  }
  let stream = false;
  if ((subpath.includes('completions') || subpath.includes('responses')) && 'stream' in json) {
    const value = json['stream'];
    if (typeof value !== 'boolean') {
      return { ok: false, failure: invalidJson('stream field is not a boolean') };
    }
    stream = value;
  }
  return { ok: true, value: { graphName: model, json, stream } };
}
