import type { ServerResponse } from 'node:http';
import type { OpenAiFailure } from './openAiFailure.js';
import { sendJson } from './sendJson.js';

/**
 * Writes an OVMS error envelope: compact `{"error":"<message>"}` (rest-api.md §1.2 — OpenAI endpoints
 * use this string form, not OpenAI's `{"error":{...}}` object).
 *
 * @param res the response to write
 * @param failure status and message
 */
export function sendError(res: ServerResponse, failure: OpenAiFailure): void {
  sendJson(res, failure.status, JSON.stringify({ error: failure.message }));
}
