/**
 * The two request shapes of the pipeline (house style principle 4): middleware sees the logical
 * {@link OvmsRequest}; the transport sees the {@link WireRequest}. A protocol's `encode` function,
 * carried by the logical request, turns one into the other at the end of the chain.
 */

/** HTTP methods OVMS routes (rest-api.md §1.1: anything else answers 406). */
export type HttpMethod = 'GET' | 'POST';

/** What goes over the wire: the transport's only input. */
export interface WireRequest {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  readonly signal?: AbortSignal;
}

/** The URL, method, body and content headers a protocol produces from a logical request. */
export interface EncodedRequest {
  readonly url: string;
  readonly method: HttpMethod;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  /**
   * A response header whose value is where binary data starts in the answer's body; a body read
   * from several chunks is then joined so that this offset is 8-byte aligned (see `readBody`).
   */
  readonly alignResponseAt?: string;
}

/**
 * Sends one wire request. Resolves with the server's `Response` whatever its status; rejects only
 * when no response arrived (network error, abort).
 */
export type Transport = (request: WireRequest) => Promise<Response>;

/** How a response body is handed back: read whole, or as a stream (SSE). */
export type ResponseType = 'bytes' | 'stream';

/** Floating-point and quantized precisions a caller may ask for (see `withPrecision`). */
export type Precision = 'FP32' | 'FP16' | 'BF16' | 'FP64' | 'INT8';

/** Retry policy; every field has a default in `createConfig`. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  readonly maxRetries: number;
  /** First backoff delay; doubled on each retry. */
  readonly baseDelayMs: number;
  /** Upper bound of a computed backoff delay. */
  readonly maxDelayMs: number;
  /** Upper bound of a wait asked for by `Retry-After`. */
  readonly maxRetryAfterMs: number;
  /** Fraction (0..1) of a computed delay removed at random, so clients do not retry in lockstep. */
  readonly jitter: number;
}

/**
 * The logical request that middleware sees and may replace (never mutate: copy with a spread).
 * `payload` is protocol-specific; `encode` turns the request into what goes on the wire.
 */
export interface OvmsRequest {
  /** Public operation name, e.g. `infer`; used in error summaries and logs. */
  readonly operation: string;
  /** Safe to send twice; only idempotent requests are retried. */
  readonly idempotent: boolean;
  /** Origin (and optional path prefix) the request goes to; auth is only added for the configured one. */
  readonly baseUrl: string;
  readonly model?: string;
  /** Before version routing: as the caller gave it; after: a canonical decimal string, or absent for the default version. */
  readonly version?: string;
  readonly precision?: Precision;
  readonly requestId?: string;
  readonly signal?: AbortSignal;
  /** Per-attempt timeout in ms (the config's unless the call overrides it). */
  readonly timeout: number;
  /** Retry policy for this call; `false` disables retrying. */
  readonly retry: RetryPolicy | false;
  /** 1 for the first try, incremented by the retry middleware. */
  readonly attempt: number;
  /** Extra headers added by middleware (request id, auth) or the caller. */
  readonly headers: Readonly<Record<string, string>>;
  readonly responseType: ResponseType;
  readonly payload: unknown;
  readonly encode: (request: OvmsRequest) => EncodedRequest;
  /** Free-form data that middleware may pass along. */
  readonly context: Readonly<Record<string, unknown>>;
}

/** A response whose status was 2xx. `body` is read whole for `bytes`; `stream` is set for `stream`. */
export interface OvmsResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly url: string;
  readonly body: Uint8Array;
  readonly stream?: ReadableStream<Uint8Array>;
}

/** One step of the pipeline. */
export type Handler = (request: OvmsRequest) => Promise<OvmsResponse>;

/** Wraps a handler; the first middleware of an array is the outermost. */
export type Middleware = (next: Handler) => Handler;

/** Optional sink for diagnostics. Nothing secret is ever passed to it. */
export interface Logger {
  readonly debug?: (message: string, data?: Readonly<Record<string, unknown>>) => void;
  readonly warn?: (message: string, data?: Readonly<Record<string, unknown>>) => void;
}

/** Options every operation accepts. */
export interface CallOptions {
  /** Cancels the call; the promise rejects with reason `Aborted` (`code` `ABORT_ERR`). */
  readonly signal?: AbortSignal;
  /** Per-attempt timeout in ms for this call. */
  readonly timeout?: number;
  /** Request id sent as `X-Request-ID` (and the KServe `id`); generated when absent. */
  readonly requestId?: string;
  /** Overrides the config's retry policy for this call; `false` disables retrying. */
  readonly retry?: Partial<RetryPolicy> | false;
  /** Extra headers for this call. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Sends this call to another server (origin plus optional path prefix) than the config's. The API
   * key still goes only to the config's origin.
   */
  readonly baseUrl?: string;
}
