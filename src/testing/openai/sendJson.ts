import type { ServerResponse } from 'node:http';

/**
 * Writes a complete JSON answer the way OVMS does: the given status, `Content-Type: application/json;
 * charset=utf-8` (rest-api.md §1.2) and the body text as it is (the caller serializes compactly).
 * Does nothing when the response has already started or the client went away.
 *
 * @param res the response to write
 * @param status HTTP status code
 * @param body the serialized JSON body
 */
export function sendJson(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent || res.destroyed) {
    return;
  }
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(bytes.length),
  });
  res.end(bytes);
}
