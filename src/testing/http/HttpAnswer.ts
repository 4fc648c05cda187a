/**
 * An answer the server sends, built by the handlers and written by one function (so CORS and
 * faults apply to every answer the same way).
 */

/** Content-Type of every OVMS answer except `/metrics` and streams (rest-api.md §1.2). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Content-Type of `/metrics`, also for its 400 (rest-api.md §6). */
export const TEXT_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** A complete answer. */
export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string | Uint8Array;
  /** Extra headers (lower-case names, as OVMS/Drogon sends them). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bytes of binary tensor data at the end of `body` (KServe binary outputs; faults cut them). */
  readonly binaryTail?: number;
}

/** A JSON answer. */
export function jsonAnswer(status: number, body: string, headers?: Readonly<Record<string, string>>): HttpAnswer {
  return headers === undefined ? { status, contentType: JSON_CONTENT_TYPE, body } : { status, contentType: JSON_CONTENT_TYPE, body, headers };
}

/** The generic error envelope: compact `{"error":"<message>"}` (rest-api.md §1.2). */
export function errorAnswer(status: number, message: string, contentType: string = JSON_CONTENT_TYPE): HttpAnswer {
  return { status, contentType, body: JSON.stringify({ error: message }) };
}

/** The config API error envelope: `{\n\t"error": "<message>"\n}` (rest-api.md §1.2, §3, fixtures F29, F31). */
export function configErrorAnswer(status: number, message: string): HttpAnswer {
  return { status, contentType: JSON_CONTENT_TYPE, body: `{\n\t"error": ${JSON.stringify(message)}\n}` };
}

/** An empty 200 (health and ready: `content-length: 0`, JSON content type, fixture F37). */
export function emptyAnswer(status = 200): HttpAnswer {
  return { status, contentType: JSON_CONTENT_TYPE, body: '' };
}
