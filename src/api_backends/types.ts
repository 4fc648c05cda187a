/**
 * The types of the seed document's `OVMS` backend, kept as the seed declares them (index
 * signatures included) so that existing callers compile unchanged. New code should prefer the
 * functional API's own types (`InferResult`, `ModelMetadata`, …).
 */
import type { ConfigStore } from '../configStore/ConfigStore.js';

/** Resources handed to a backend. Ours understands `fetch` (e.g. one bound to an undici Agent) and `configStore`. */
export interface ApiResources {
  /** The `fetch` every request goes through. */
  fetch?: typeof fetch;
  /** Where `setModelConfig`, `setExecutionMode` and `setQuantization` read and write OVMS's `config.json`. */
  configStore?: ConfigStore;
  [key: string]: unknown;
}

/** Backend configuration: the seed's keys (and, when absent, the matching environment variables). */
export interface ApiMetadata {
  ovms_api_url?: string;
  ovms_model?: string;
  ovms_version?: string;
  ovms_precision?: string;
  ovms_api_key?: string;
  /** Path of the server's `config.json` (Node), for the management methods. */
  ovms_config_path?: string;
  /** Request timeout in milliseconds (the seed's examples: `60000` for 60 s). `OVMS_TIMEOUT` is in seconds. */
  timeout?: number;
  [key: string]: unknown;
}

/** Request options of the backend interface. */
export interface ApiRequestOptions {
  /** Timeout for this request, in milliseconds. */
  timeout?: number;
  model?: string;
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string | string[];
  signal?: AbortSignal;
  [key: string]: unknown;
}

/** Request data for OVMS (TensorFlow-Serving row/column formats, or KServe `inputs` tensors). */
export interface OVMSRequestData {
  instances?: any[];
  inputs?: any;
  signature_name?: string;
  [key: string]: any;
}

/** Response from OVMS, shaped like TensorFlow-Serving's `predict` answer. */
export interface OVMSResponse {
  predictions?: any[];
  outputs?: any;
  model_name?: string;
  model_version?: string;
  [key: string]: any;
}

/** Model metadata. */
export interface OVMSModelMetadata {
  name: string;
  versions: string[];
  platform: string;
  inputs: OVMSModelInput[];
  outputs: OVMSModelOutput[];
  [key: string]: any;
}

/** Model input information. */
export interface OVMSModelInput {
  name: string;
  datatype: string;
  shape: number[];
  layout?: string;
  [key: string]: any;
}

/** Model output information. */
export interface OVMSModelOutput {
  name: string;
  datatype: string;
  shape: number[];
  layout?: string;
  [key: string]: any;
}

/** Request options of the OVMS methods. */
export interface OVMSRequestOptions extends ApiRequestOptions {
  version?: string;
  shape?: number[];
  precision?: string;
  config?: any;
  [key: string]: any;
}

/** Model configuration the seed's `setModelConfig` takes. */
export interface OVMSModelConfig {
  batch_size?: number;
  preferred_batch?: number;
  instance_count?: number;
  execution_mode?: 'latency' | 'throughput';
  [key: string]: any;
}

/** Server statistics. Figures OVMS cannot report (CPU, memory, uptime) stay undefined. */
export interface OVMSServerStatistics {
  server_uptime?: number;
  server_version?: string;
  active_models?: number;
  total_requests?: number;
  requests_per_second?: number;
  avg_inference_time?: number;
  cpu_usage?: number;
  memory_usage?: number;
  [key: string]: any;
}

/** Model statistics. */
export interface OVMSModelStatistics {
  model: string;
  statistics: {
    requests_processed?: number;
    tokens_generated?: number;
    avg_inference_time?: number;
    throughput?: number;
    errors?: number;
    [key: string]: any;
  };
  [key: string]: any;
}

/** Quantization configuration. */
export interface OVMSQuantizationConfig {
  enabled: boolean;
  method?: string;
  bits?: number;
  [key: string]: any;
}

/** A chat message. */
export interface Message {
  role: 'system' | 'user' | 'assistant' | 'tool' | string;
  content: string | any[] | null;
  [key: string]: any;
}

/** A chat answer. */
export interface ChatCompletionResponse {
  content: string;
  role?: string;
  model?: string;
  finish_reason?: string | null;
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
  [key: string]: any;
}

/** One piece of a streamed answer; the last one has `done: true`. */
export interface StreamChunk {
  content: string;
  role?: string;
  done?: boolean;
  [key: string]: any;
}
