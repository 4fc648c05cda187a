/**
 * The single error type of the library. Every failure that crosses the public boundary is an
 * `OvmsError`; third-party errors (ky, valibot, undici) are wrapped, never re-thrown as they are.
 *
 * The `reason` is a tagged union (house style principle 5): switch on `reason._tag` to handle a
 * kind of failure; `status`, `code` and `serverMessage` are flattened onto the error so the seed's
 * error-handling snippet (`error.status === 404`, `error.code === 'ECONNREFUSED'`) works as written.
 */

/** The closed set of failure kinds. */
export type OvmsErrorTag =
  | 'InvalidInput'
  | 'Transport'
  | 'Timeout'
  | 'Aborted'
  | 'Status'
  | 'Decode'
  | 'Unsupported'
  | 'Stream'
  | 'Overloaded'
  | 'CircuitOpen';

/** A failure kind with the facts that belong to it. */
export type OvmsErrorReason =
  | { readonly _tag: 'InvalidInput'; readonly field?: string }
  | { readonly _tag: 'Transport' }
  | { readonly _tag: 'Timeout'; readonly timeoutMs: number }
  | { readonly _tag: 'Aborted' }
  | { readonly _tag: 'Status'; readonly status: number; readonly serverMessage?: string; readonly retryAfterMs?: number }
  | { readonly _tag: 'Decode' }
  | { readonly _tag: 'Unsupported' }
  /**
   * The server reported a failure inside an open 200 event stream: OVMS writes a raw
   * `{"error": "..."}` line without `data:` once streaming has started (rest-api.md §5.4).
   */
  | { readonly _tag: 'Stream'; readonly serverMessage: string }
  /**
   * The client shed the call before sending it (`withConcurrencyLimit`): the wait queue was full,
   * or the call waited longer than `queueTimeoutMs`. Never retried: retrying adds load to a
   * client that is already saturated.
   */
  | { readonly _tag: 'Overloaded'; readonly kind: 'QueueFull' | 'QueueTimeout' }
  /**
   * The circuit breaker (`withCircuitBreaker`) failed the call fast without sending it, after
   * `failures` consecutive failures. `retryAfterMs` is when the next trial call may pass; it is
   * absent while a trial call is already in flight. Never retried.
   */
  | { readonly _tag: 'CircuitOpen'; readonly failures: number; readonly retryAfterMs?: number };

/**
 * What the library tried to do when it failed. It never holds the API key or the request body,
 * so an error can be logged as a whole.
 */
export interface RequestSummary {
  readonly operation: string;
  readonly method?: string;
  readonly url?: string;
  readonly model?: string;
  readonly version?: string;
  readonly requestId?: string;
  readonly attempt?: number;
}

/** Options accepted by the {@link OvmsError} constructor. */
export interface OvmsErrorOptions {
  readonly code?: string;
  readonly request?: RequestSummary;
  readonly cause?: unknown;
}

const NAME = 'OvmsError';

/**
 * An error raised by any operation of the library.
 *
 * @example
 * ```ts
 * try { await infer(config, { model: 'dummy', inputs: { b: new Float32Array(10) } }); }
 * catch (e) { if (isOvmsError(e) && e.status === 404) console.error('no such model'); }
 * ```
 */
export class OvmsError extends Error {
  /** The failure kind and its facts. */
  readonly reason: OvmsErrorReason;
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /**
   * A machine-readable code: the network cause (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, …),
   * `ETIMEDOUT` for a timeout, `ABORT_ERR` for a caller's abort.
   */
  readonly code: string | undefined;
  /** The text of OVMS's `{"error": "..."}` body (or of the error it wrote into a stream), when there was one. */
  readonly serverMessage: string | undefined;
  /** The request that failed, without secrets or body. */
  readonly request: RequestSummary | undefined;

  constructor(reason: OvmsErrorReason, message: string, options: OvmsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = NAME;
    this.reason = reason;
    this.status = reason._tag === 'Status' ? reason.status : undefined;
    this.serverMessage = reason._tag === 'Status' || reason._tag === 'Stream' ? reason.serverMessage : undefined;
    this.code = options.code;
    this.request = options.request;
  }

  /** Alias of `status`, for callers of the seed's `BaseApiBackend` errors. */
  get statusCode(): number | undefined {
    return this.status;
  }
}

/**
 * True when `value` is an {@link OvmsError}, also one created by another copy of the library or
 * in another realm (iframe, worker, vm), where `instanceof` is false.
 */
export function isOvmsError(value: unknown): value is OvmsError {
  if (value instanceof OvmsError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; reason?: { _tag?: unknown } };
  return v.name === NAME && typeof v.reason === 'object' && v.reason !== null && typeof v.reason._tag === 'string';
}

/**
 * True when `value` is an {@link OvmsError} whose reason has the given tag; narrows `reason`.
 *
 * @example
 * ```ts
 * if (isOvmsErrorReason(e, 'Status')) console.log(e.reason.status);
 * ```
 */
export function isOvmsErrorReason<T extends OvmsErrorTag>(
  value: unknown,
  tag: T,
): value is OvmsError & { readonly reason: Extract<OvmsErrorReason, { _tag: T }> } {
  return isOvmsError(value) && value.reason._tag === tag;
}

/** Builds an `InvalidInput` error that names the field and what was expected. */
export function invalidInput(field: string, message: string, request?: RequestSummary): OvmsError {
  return new OvmsError({ _tag: 'InvalidInput', field }, `${field}: ${message}`, request ? { request } : {});
}

/** Builds a `Decode` error: the server's answer did not have the expected form. */
export function decodeError(message: string, cause?: unknown, request?: RequestSummary): OvmsError {
  return new OvmsError({ _tag: 'Decode' }, message, { ...(cause === undefined ? {} : { cause }), ...(request ? { request } : {}) });
}
