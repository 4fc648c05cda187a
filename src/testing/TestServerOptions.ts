/**
 * Options and handle of the OVMS-compatible test server.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FaultController } from './faults/createFaultController.js';
import type { FaultSpec } from './faults/FaultSpec.js';

/** CORS settings, as OVMS's `--allowed_origins`, `--allowed_methods`, `--allowed_headers`, `--allow_credentials` (rest-api.md §1.4). */
export interface CorsOptions {
  /** `Access-Control-Allow-Origin` (default `*`). */
  readonly origins?: string;
  /** `Access-Control-Allow-Methods` (default `*`). */
  readonly methods?: string;
  /** `Access-Control-Allow-Headers` (default `*`). */
  readonly headers?: string;
  /** Adds `Access-Control-Allow-Credentials: true`. */
  readonly credentials?: boolean;
}

/** Options of `startTestServer`. Every field is optional. */
export interface TestServerOptions {
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Bind address (default `127.0.0.1`). */
  readonly host?: string;
  /** An existing config.json; by default a fresh temp dir gets the default config (removed on close). */
  readonly configPath?: string;
  /** API key for the OpenAI-style POST endpoints (`Authorization: Bearer <key>`, rest-api.md §1.4). */
  readonly apiKey?: string;
  /** Behave like OVMS 2026.2: TFS API (§2), `/v1/` is not an OpenAI alias, removed config keys accepted. */
  readonly legacy?: boolean;
  /** CORS headers: a string sets the allowed origins; default `*` everywhere. */
  readonly cors?: string | CorsOptions;
  /** Serve `/metrics` (default true; config.json `monitoring.metrics.enable` overrides). */
  readonly metrics?: boolean;
  /** Metric families to emit (default: OVMS's default set; config `metrics_list` overrides). */
  readonly metricsList?: readonly string[];
  /** Delay per streamed token of OpenAI-style streams, in ms (default 0). */
  readonly tokenDelayMs?: number;
  /** Server-wide fault defaults. */
  readonly faults?: FaultSpec;
  /** Poll config.json for changes every this many ms (0 = off, the default), like `--file_system_poll_wait_seconds`. */
  readonly pollIntervalMs?: number;
  /** Time a version stays LOADING when it (re)loads: one value or per servable name (default 0 = immediately AVAILABLE). */
  readonly loadTimeMs?: number | Readonly<Record<string, number>>;
  /** The `version` reported by `GET /v2` (default `2026.3.0`, legacy `2026.2.1`). */
  readonly serverVersion?: string;
  /** How many requests `received` keeps (default 100). */
  readonly receivedLimit?: number;
}

/** A request as the server received it (for tests that assert what a client sent). */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body, cut at 1 MiB. */
  readonly body: Buffer;
  /** The full body length in bytes. */
  readonly bodyLength: number;
}

/** A running test server. */
export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** The config.json the server reads (edit it and POST `/v1/config/reload`). */
  readonly configPath: string;
  /** Stops listening, closes every connection (keep-alive and streams too) and removes a temp config dir. */
  close(): Promise<void>;
  /** Fault injection handle. */
  readonly faults: FaultController;
  /** The last `receivedLimit` requests, oldest first. */
  readonly received: readonly ReceivedRequest[];
  /** How many requests the server has received. */
  readonly requestCount: number;
}
