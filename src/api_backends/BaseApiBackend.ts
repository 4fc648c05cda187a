import type { ClientConfig } from '../config/ClientConfig.js';
import { withConfig } from '../config/withConfig.js';
import { invalidInput } from '../errors/OvmsError.js';
import { withConcurrencyLimit, type ConcurrencyLimiter, type ConcurrencyState } from '../middleware/withConcurrencyLimit.js';
import { withCircuitBreaker, type CircuitBreaker, type CircuitBreakerState } from '../middleware/withCircuitBreaker.js';
import { withStats, type CallStats, type StatsRecorder } from '../middleware/withStats.js';
import type { ApiMetadata, ApiRequestOptions, ApiResources, ChatCompletionResponse, Message, StreamChunk } from './types.js';

/** What `createEndpoint` takes: an endpoint of the same backend with its own key, model, URL, timeout and limit. */
export interface EndpointOptions {
  id?: string;
  apiKey?: string;
  model?: string;
  /** The endpoint's base URL, or a full KServe `…/infer` / TF-Serving `…:predict` URL. */
  endpoint_url?: string;
  /** Timeout in milliseconds. */
  timeout?: number;
  /** Calls in flight at once on this endpoint (default: the backend's limit). */
  maxConcurrentRequests?: number;
  [key: string]: unknown;
}

/** Statistics of a backend or an endpoint: call counts and latency, queue and circuit state. */
export interface BackendStats extends CallStats {
  readonly queue: ConcurrencyState;
  readonly circuit: CircuitBreakerState;
}

/** An endpoint as the backend keeps it. */
export interface Endpoint {
  readonly id: string;
  readonly options: Readonly<EndpointOptions>;
  readonly config: ClientConfig;
  readonly stats: StatsRecorder;
  readonly limiter: ConcurrencyLimiter;
}

/** Legacy defaults of the queue and circuit breaker that the seed's `BaseApiBackend` declared. */
const LEGACY_LIMITS = { maxConcurrentRequests: 10, queueSize: 100, circuitBreakerThreshold: 5, circuitBreakerResetMs: 30_000 } as const;

/**
 * The base class of the IPFS Accelerate API backends, as the seed's contract describes it:
 * resources and metadata, API key and default model, endpoints with their own settings, statistics,
 * and the request queue, concurrency limit and circuit breaker that the original declared but
 * never used. Here those three are middleware instances in the backend's config (house style
 * principle 9), so every call made through the config goes through them.
 *
 * Errors are the library's `OvmsError`, which carries `status` and its alias `statusCode`.
 */
export abstract class BaseApiBackend {
  protected readonly resources: ApiResources;
  protected readonly metadata: ApiMetadata;
  /** The backend's frozen client config; pass it to the free functions to move a call site over. */
  readonly config: ClientConfig;
  readonly #stats: StatsRecorder;
  readonly #breaker: CircuitBreaker;
  readonly #limiter: ConcurrencyLimiter;
  readonly #endpoints = new Map<string, Endpoint>();

  /**
   * @param resources - Shared resources (`fetch`, `configStore`, …).
   * @param metadata - Backend settings; `max_concurrent_requests`, `queue_size`,
   *   `circuit_breaker_threshold` and `circuit_breaker_timeout` (ms) tune the legacy limits.
   * @param config - The client config the subclass built from them, without the legacy middleware.
   */
  protected constructor(resources: ApiResources, metadata: ApiMetadata, config: ClientConfig) {
    this.resources = resources;
    this.metadata = metadata;
    this.#stats = withStats();
    this.#breaker = withCircuitBreaker({
      failureThreshold: positiveInt(metadata['circuit_breaker_threshold'], 'circuit_breaker_threshold') ?? LEGACY_LIMITS.circuitBreakerThreshold,
      resetTimeoutMs: positiveInt(metadata['circuit_breaker_timeout'], 'circuit_breaker_timeout') ?? LEGACY_LIMITS.circuitBreakerResetMs,
    });
    this.#limiter = withConcurrencyLimit({
      maxConcurrent: positiveInt(metadata['max_concurrent_requests'], 'max_concurrent_requests') ?? LEGACY_LIMITS.maxConcurrentRequests,
      maxQueue: positiveInt(metadata['queue_size'], 'queue_size') ?? LEGACY_LIMITS.queueSize,
    });
    // Stats outermost, so it also counts what the breaker and the queue turn away.
    this.config = withConfig(config, { middleware: [this.#stats, this.#breaker, this.#limiter, ...config.middleware] });
  }

  /** The API key from metadata (or the environment, per backend). */
  getApiKey(): string | undefined {
    return this.config.apiKey;
  }

  /** The model used when a call names none. */
  getDefaultModel(): string {
    return this.config.model ?? '';
  }

  /**
   * Registers an endpoint: a config derived from the backend's with its own key, timeout, model and
   * concurrency limit, and its own statistics.
   *
   * @returns The endpoint id.
   * @throws {OvmsError} `InvalidInput` for a bad option or a duplicate id.
   */
  createEndpoint(options: EndpointOptions = {}): string {
    const id = options.id ?? `endpoint-${this.#endpoints.size + 1}`;
    if (this.#endpoints.has(id)) throw invalidInput('id', `an endpoint "${id}" already exists`);
    const stats = withStats();
    const limiter = withConcurrencyLimit({
      maxConcurrent: positiveInt(options.maxConcurrentRequests, 'maxConcurrentRequests') ?? LEGACY_LIMITS.maxConcurrentRequests,
      maxQueue: LEGACY_LIMITS.queueSize,
    });
    const config = withConfig(this.config, {
      middleware: [stats, limiter, ...this.config.middleware],
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.model === undefined ? {} : { model: options.model }),
    });
    this.#endpoints.set(id, { id, options: Object.freeze({ ...options }), config, stats, limiter });
    return id;
  }

  /** The endpoint registered under `id`. @throws {OvmsError} `InvalidInput` for an unknown id. */
  protected endpoint(id: string): Endpoint {
    const endpoint = this.#endpoints.get(id);
    if (endpoint === undefined) throw invalidInput('endpointId', `no endpoint "${id}" (known: ${[...this.#endpoints.keys()].join(', ') || 'none'})`);
    return endpoint;
  }

  /**
   * Statistics of the whole backend, or of one endpoint: calls, successes, failures by reason,
   * latency, and the state of the queue and the circuit breaker.
   */
  getStats(endpointId?: string): BackendStats {
    if (endpointId === undefined) return { ...this.#stats.stats(), queue: this.#limiter.state(), circuit: this.#breaker.state() };
    const endpoint = this.endpoint(endpointId);
    return { ...endpoint.stats.stats(), queue: endpoint.limiter.state(), circuit: this.#breaker.state() };
  }

  /** Sends `data` through an endpoint's config (its key, timeout, model and limit). */
  async makeRequestWithEndpoint(endpointId: string, data: unknown, options: ApiRequestOptions = {}): Promise<unknown> {
    const endpoint = this.endpoint(endpointId);
    return this.requestWithConfig(endpoint.config, endpoint.options.endpoint_url, data, options);
  }

  /** Sends `data` with a given config (an endpoint's); the subclass decides what the data means. */
  protected abstract requestWithConfig(config: ClientConfig, endpointUrl: string | undefined, data: unknown, options: ApiRequestOptions): Promise<unknown>;

  /** A generic POST of the backend interface. */
  abstract makePostRequest(data: unknown, apiKey?: string, options?: ApiRequestOptions): Promise<unknown>;
  /** A generic streaming request of the backend interface. */
  abstract makeStreamRequest(data: unknown, options?: ApiRequestOptions): AsyncGenerator<StreamChunk>;
  /** A chat completion. */
  abstract chat(messages: Message[], options?: ApiRequestOptions): Promise<ChatCompletionResponse>;
  /** A streamed chat completion. */
  abstract streamChat(messages: Message[], options?: ApiRequestOptions): AsyncGenerator<StreamChunk>;
  /** Runs inference (backends without inference reject). */
  abstract infer(model: string | undefined, data: any, options?: ApiRequestOptions): Promise<any>;
  /** Whether this backend can serve the model (pure, no network). */
  abstract isCompatibleModel(model: string): boolean;
}

function positiveInt(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw invalidInput(field, `expected a positive integer, got ${JSON.stringify(value)}`);
  return value;
}
