import { OvmsError, type RequestSummary } from './OvmsError.js';
import { parseRetryAfter } from './parseRetryAfter.js';
import { parseServerMessage } from './parseServerMessage.js';

/**
 * Maps a non-2xx answer to an `OvmsError` with reason `Status`. The one place where a status
 * becomes an error: the message says what was asked and what OVMS answered.
 *
 * @param status - HTTP status.
 * @param bodyText - The body (already bounded by the caller).
 * @param headers - Response headers (for `Retry-After`).
 * @param request - The request summary (never holds a secret).
 */
export function errorFromResponse(status: number, bodyText: string, headers: Headers, request: RequestSummary): OvmsError {
  const serverMessage = parseServerMessage(bodyText);
  const retryAfterMs = parseRetryAfter(headers);
  const target = request.model === undefined ? request.operation : `${request.operation} (model "${request.model}"${request.version === undefined ? '' : `, version ${request.version}`})`;
  const message = `OVMS answered ${status} to ${target}${serverMessage === undefined ? '' : `: ${serverMessage}`}`;
  return new OvmsError(
    {
      _tag: 'Status',
      status,
      ...(serverMessage === undefined ? {} : { serverMessage }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
    message,
    { request },
  );
}
