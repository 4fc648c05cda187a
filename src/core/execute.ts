import type { ClientConfig } from '../config/ClientConfig.js';
import { invalidInput } from '../errors/OvmsError.js';
import { compose } from './compose.js';
import { isHttpBaseUrl } from './isHttpBaseUrl.js';
import { createSend } from './createSend.js';
import { defaultMiddleware } from './defaultMiddleware.js';
import { mergeRetryPolicy } from './mergeRetryPolicy.js';
import { resolveTransport } from './resolveTransport.js';
import type { CallOptions, EncodedRequest, Handler, OvmsRequest, OvmsResponse, Precision, ResponseType } from './types.js';

/** What an operation describes; `execute` adds the per-call and config-derived fields. */
export interface RequestSpec {
  readonly operation: string;
  readonly idempotent: boolean;
  readonly model?: string | undefined;
  readonly version?: string | undefined;
  readonly precision?: Precision | undefined;
  readonly payload?: unknown;
  readonly responseType?: ResponseType;
  /** Default: the config's base URL. */
  readonly baseUrl?: string;
  readonly encode: (request: OvmsRequest) => EncodedRequest;
}

/** The composed pipeline of each config, built once: configs are frozen, so it never goes stale. */
const pipelines = new WeakMap<ClientConfig, Handler>();

function pipelineOf(config: ClientConfig): Handler {
  let handler = pipelines.get(config);
  if (handler === undefined) {
    handler = compose(defaultMiddleware(config), createSend(resolveTransport(config), config.maxResponseBytes, config.headers));
    pipelines.set(config, handler);
  }
  return handler;
}

/**
 * Runs one request through the config's pipeline. Every operation ends here; it is exported for
 * protocol extensions, not for everyday use.
 *
 * @throws {OvmsError} any reason; `InvalidInput` for bad call options before anything is sent.
 */
export function execute(config: ClientConfig, spec: RequestSpec, options: CallOptions = {}): Promise<OvmsResponse> {
  const timeout = options.timeout ?? config.timeout;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
    return Promise.reject(invalidInput('timeout', `expected a positive number of milliseconds, got ${String(timeout)}`));
  }
  const baseUrl = options.baseUrl ?? spec.baseUrl ?? config.baseUrl;
  if (options.baseUrl !== undefined && !isHttpBaseUrl(options.baseUrl)) {
    return Promise.reject(invalidInput('baseUrl', `expected an absolute http(s) URL without query or fragment, got ${JSON.stringify(options.baseUrl)}`));
  }
  const request: OvmsRequest = {
    operation: spec.operation,
    idempotent: spec.idempotent,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    ...(spec.model === undefined ? {} : { model: spec.model }),
    ...(spec.version === undefined ? {} : { version: spec.version }),
    ...(spec.precision === undefined ? {} : { precision: spec.precision }),
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    timeout,
    retry: mergeRetryPolicy(config.retry, options.retry),
    attempt: 1,
    headers: options.headers ?? {},
    responseType: spec.responseType ?? 'bytes',
    payload: spec.payload,
    encode: spec.encode,
    context: {},
  };
  try {
    return pipelineOf(config)(request);
  } catch (error) {
    // Middleware may throw synchronously (a bad version); callers always get a rejected promise.
    return Promise.reject(error);
  }
}
