import type { OpenAiBasePath } from '../../config/ClientConfig.js';
import type { CallOptions } from '../../core/types.js';

/** Options of the OpenAI-style operations. */
export interface OpenAiCallOptions extends CallOptions {
  /** Overrides the config's `openaiBasePath` (`/v3` or `/v1`) for this call. */
  readonly basePath?: OpenAiBasePath;
}

/**
 * Options of the streaming operations. `timeout` bounds the wait for the response headers, which
 * OVMS sends with the first chunk, so it covers prompt processing up to the first token
 * (rest-api.md §5.4); `idleTimeout` then bounds every wait for more bytes.
 */
export interface OpenAiStreamOptions extends OpenAiCallOptions {
  /** Longest silence, in ms, between two reads of an open stream. Default: the call's `timeout`, else the config's. */
  readonly idleTimeout?: number;
}
