import type { Logger, Middleware, Precision, RetryPolicy, Transport } from '../core/types.js';

/** Which transport sends requests: ky (default), the platform's `fetch`, or your own function. */
export type TransportChoice = 'ky' | 'fetch' | Transport;

/** When inputs travel in the binary tensor extension instead of JSON (rest-api.md §4.5). */
export type BinaryMode = 'auto' | 'always' | 'never';

/**
 * The path prefix of OVMS's OpenAI-style endpoints (rest-api.md §5.1). `/v3` is served by every OVMS
 * since 2024.2; `/v1` only since 2026.3 (before that, `/v1/...` is the TensorFlow-Serving API, §0).
 */
export type OpenAiBasePath = '/v3' | '/v1';

/** What a caller passes to `createConfig`; everything but `baseUrl` has a default. */
export interface ClientConfigInput {
  /** Server origin plus an optional path prefix, e.g. `http://localhost:8000`. Default `http://localhost:9000`. */
  readonly baseUrl?: string;
  /** Model used when an operation names none. */
  readonly model?: string;
  /** Version used for the default model: a positive integer, or `latest` (the server's default). */
  readonly version?: string | number;
  /** Datatype floating-point inputs travel in when the model's metadata does not fix it. Default `FP32`. */
  readonly precision?: Precision;
  /** Sent as `Authorization: Bearer …`, only to the configured origin. */
  readonly apiKey?: string;
  /** Per-attempt timeout in ms. Default 30 000. */
  readonly timeout?: number;
  /** Retry policy, or `false` to never retry. */
  readonly retry?: Partial<RetryPolicy> | false;
  /** Your middleware; runs after precision and before retry (see `defaultMiddleware`). */
  readonly middleware?: readonly Middleware[];
  readonly transport?: TransportChoice;
  /** The `fetch` the transports call (e.g. one bound to an undici Agent). Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  readonly logger?: Logger;
  /** Validate inputs against the model's metadata before sending (metadata is cached). Default true. */
  readonly validate?: boolean;
  /** Default binary mode for inputs. Default `auto`: typed arrays and large arrays go binary. */
  readonly binary?: BinaryMode;
  /** Headers added to every request (never logged). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Largest response body accepted, in bytes. Default 256 MiB. */
  readonly maxResponseBytes?: number;
  /**
   * Prefix of the OpenAI-style endpoints. Default `/v3`: it works on every OVMS that has them
   * (2024.2+), while `/v1` needs 2026.3+ and reaches the removed TF-Serving API on older servers
   * (rest-api.md §0, §5.1). A call may override it.
   */
  readonly openaiBasePath?: OpenAiBasePath;
}

/** A validated, deeply frozen configuration; build it with `createConfig`, change it with `withConfig`. */
export interface ClientConfig {
  readonly baseUrl: string;
  readonly model: string | undefined;
  readonly version: string | undefined;
  readonly precision: Precision;
  readonly apiKey: string | undefined;
  readonly timeout: number;
  readonly retry: RetryPolicy | false;
  readonly middleware: readonly Middleware[];
  readonly transport: TransportChoice;
  readonly fetch: typeof fetch | undefined;
  readonly logger: Logger | undefined;
  readonly validate: boolean;
  readonly binary: BinaryMode;
  readonly headers: Readonly<Record<string, string>>;
  readonly maxResponseBytes: number;
  readonly openaiBasePath: OpenAiBasePath;
}
