import { OvmsError, type RequestSummary } from './OvmsError.js';

/**
 * Builds the error for a failure the server wrote into an open event stream (reason `Stream`, the
 * server's text also on `error.serverMessage`). OVMS writes it as a raw `{"error": "..."}` line once
 * the 200 headers are out (rest-api.md §5.4), so there is no HTTP status to report.
 *
 * @param serverMessage - The text of the `error` field.
 * @param request - The secret-free summary of the streaming request.
 * @returns The error.
 */
export function streamError(serverMessage: string, request: RequestSummary): OvmsError {
  const target = request.model === undefined ? request.operation : `${request.operation} (model "${request.model}")`;
  return new OvmsError({ _tag: 'Stream', serverMessage }, `OVMS failed in the middle of the stream of ${target}: ${serverMessage}`, { request });
}
