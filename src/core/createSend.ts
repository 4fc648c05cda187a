import { isOvmsError, OvmsError, type RequestSummary } from '../errors/OvmsError.js';
import { errorFromResponse } from '../errors/errorFromResponse.js';
import { redactError, redactStream, secretsOf } from '../errors/redactSecrets.js';
import { transportError } from '../errors/transportError.js';
import { readBody } from './readBody.js';
import { abortedError } from './sleep.js';
import { summarize } from './summarize.js';
import type { Handler, OvmsRequest, Transport } from './types.js';

/** Error bodies are short texts; reading more than this from a failing server is pointless. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The innermost step of the pipeline: encodes the logical request, hands it to the transport, and
 * turns the outcome into an {@link OvmsResponse} (2xx, body read whole or left as a stream) or an
 * `OvmsError` (`Status` for any other status, `Transport`, `Timeout`, `Aborted`, `Decode`).
 *
 * The request's credentials (`Authorization`, …) are kept out of what comes back: a server that
 * echoes them in its error text gets them replaced by `[REDACTED]` in the error (message and
 * `serverMessage`) and, for a streamed answer, in the stream (tests/reliability/secrets.test.ts).
 *
 * @param transport - Sends the wire request.
 * @param maxResponseBytes - Upper bound of a body read whole.
 * @param extraHeaders - The config's headers, below the request's own.
 */
export function createSend(transport: Transport, maxResponseBytes: number, extraHeaders: Readonly<Record<string, string>> = {}): Handler {
  return async (request) => {
    const encoded = request.encode(request);
    const summary = summarize(request, encoded.method, encoded.url);
    const headers = { ...extraHeaders, ...encoded.headers, ...request.headers };
    const secrets = secretsOf(headers);
    let response: Response;
    try {
      response = await transport({
        url: encoded.url,
        method: encoded.method,
        headers,
        ...(encoded.body === undefined ? {} : { body: encoded.body }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
    } catch (error) {
      throw redactError(failure(error, request, summary, 'connect'), secrets);
    }
    try {
      if (response.status < 200 || response.status > 299) {
        const text = new TextDecoder().decode(await readBody(response, MAX_ERROR_BODY_BYTES).catch(() => new Uint8Array(0)));
        throw errorFromResponse(response.status, text, response.headers, summary);
      }
      if (request.responseType === 'stream' && response.body !== null) {
        const stream = secrets.length === 0 ? response.body : redactStream(response.body, secrets);
        return { status: response.status, headers: response.headers, url: response.url || encoded.url, body: new Uint8Array(0), stream };
      }
      const alignAt = encoded.alignResponseAt === undefined ? null : response.headers.get(encoded.alignResponseAt);
      const body = await readBody(response, maxResponseBytes, alignAt === null ? undefined : Number(alignAt));
      return { status: response.status, headers: response.headers, url: response.url || encoded.url, body };
    } catch (error) {
      throw redactError(failure(error, request, summary, 'body'), secrets);
    }
  };
}

/** Classifies what went wrong: our own errors keep their reason and gain the request summary. */
function failure(error: unknown, request: OvmsRequest, summary: RequestSummary, phase: 'connect' | 'body'): OvmsError {
  if (request.signal?.aborted) return attach(abortedError(request.signal), summary);
  if (isOvmsError(error)) return attach(error, summary);
  return transportError(error, summary, phase);
}

function attach(error: OvmsError, request: RequestSummary): OvmsError {
  if (error.request !== undefined) return error;
  return new OvmsError(error.reason, error.message, {
    request,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
}
