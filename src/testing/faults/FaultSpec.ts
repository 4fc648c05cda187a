/**
 * Fault injection settings, per server (`startTestServer({ faults })`, `server.faults.set(...)`)
 * and per request (header `x-ovms-test-fault: <JSON FaultSpec>`).
 */

/** The request header that carries a per-request {@link FaultSpec} as JSON. */
export const FAULT_HEADER = 'x-ovms-test-fault';

/** What can go wrong. Every field is optional; a per-request header overrides the server's defaults field by field. */
export interface FaultSpec {
  /** Added latency in ms before the request is handled. */
  readonly latencyMs?: number;
  /** Answer this HTTP status instead of handling the request (body `{"error":...}`). */
  readonly status?: number;
  /** `Retry-After` header value sent with `status` (seconds, or an HTTP date). */
  readonly retryAfter?: number | string;
  /** Error text for `status` (default: OVMS's text for 500/503, else `Injected fault`). */
  readonly message?: string;
  /**
   * Destroy the connection: `'beforeResponse'` without answering, `'midBody'` (or `true`) after the
   * headers and half of the body (for streams: after the first chunk).
   */
  readonly reset?: boolean | 'beforeResponse' | 'midBody';
  /** Cut the binary tail of a KServe binary response by this many bytes (`true`: half); Content-Length stays consistent. */
  readonly truncateBinary?: number | boolean;
  /** Add this to the `inference-header-content-length` of a binary response (a wrong header). */
  readonly headerLengthDelta?: number;
  /** Delay per streamed token of OpenAI-style streams (a slow stream). */
  readonly tokenDelayMs?: number;
  /** Stop writing an OpenAI-style stream after this many chunks, keeping the socket open. */
  readonly stallAfterChunks?: number;
  /** The servable named in the URL (or `model` if given) reports not-ready (LOADING) for this many ms. */
  readonly notReadyMs?: number;
  /** Servable for `notReadyMs` when the URL names none. */
  readonly model?: string;
  /** Server-level defaults only: apply to requests whose path contains this string. */
  readonly match?: string;
}

const KEYS: readonly string[] = [
  'latencyMs',
  'status',
  'retryAfter',
  'message',
  'reset',
  'truncateBinary',
  'headerLengthDelta',
  'tokenDelayMs',
  'stallAfterChunks',
  'notReadyMs',
  'model',
  'match',
];

/**
 * Parses the `x-ovms-test-fault` header: a JSON object with {@link FaultSpec} fields.
 *
 * @throws {Error} when the header is not a JSON object of known fields
 */
export function parseFaultHeader(value: string): FaultSpec {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    throw new Error(`${FAULT_HEADER} must be a JSON object, got ${JSON.stringify(value)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${FAULT_HEADER} must be a JSON object`);
  for (const k of Object.keys(v)) if (!KEYS.includes(k)) throw new Error(`${FAULT_HEADER}: unknown field "${k}"`);
  return v as FaultSpec;
}
