/**
 * The figures `getServerStatistics` computes. Every figure comes from what OVMS reports
 * (`/metrics`, `/v2`, `/v1/config`, rest-api.md §6); a figure whose source OVMS did not emit (a
 * family left out by `metrics_list`, no series yet) is `undefined`, never 0 by guess. OVMS has no
 * process, host or device metrics, so uptime, CPU and memory are always `undefined`.
 */

/** What a later call needs to compute rates: keep the `snapshot` of the previous result. */
export interface StatisticsSnapshot {
  /** When the scrape was answered: ms since the epoch on a monotonic clock (`performance.timeOrigin + performance.now()`). */
  readonly at: number;
  /** Server-wide `ovms_requests_success` + `ovms_requests_fail`. */
  readonly totalRequests: number | undefined;
  /** The same per servable name. */
  readonly modelRequests: Readonly<Record<string, number>>;
}

/** Per-servable figures (models, DAGs and MediaPipe graphs, by the `name` label). */
export interface ModelStatistics {
  readonly model: string;
  /** Every request counted for it: all methods (infer, ready, metadata), APIs and interfaces. */
  readonly requests: number | undefined;
  /** The failed ones among them (`ovms_requests_fail`). */
  readonly failures: number | undefined;
  /** Inference requests only: methods `ModelInfer`, `ModelInferStream`, `Predict` (TF-Serving), `Unary`, `Stream` (OpenAI-style). */
  readonly inferenceRequests: number | undefined;
  /** `requests` per second between the previous snapshot and this scrape. */
  readonly requestsPerSecond: number | undefined;
  /** Mean of `ovms_request_time_us` (whole request in OVMS), in ms. */
  readonly avgRequestTimeMs: number | undefined;
  /** Mean of `ovms_inference_time_us` (OpenVINO execution only), in ms. */
  readonly avgInferenceTimeMs: number | undefined;
  /** Mean of `ovms_graph_processing_time_us` (MediaPipe graphs), in ms. */
  readonly avgGraphProcessingTimeMs: number | undefined;
  /** Requests in process now: `ovms_current_requests` over its versions (models), `ovms_current_graphs` (graphs). */
  readonly currentRequests: number | undefined;
  /** OpenVINO execution streams: `ovms_streams` summed over the loaded versions. */
  readonly streams: number | undefined;
  /** The versions that have series (`version` label), ascending. */
  readonly versions: readonly string[];
}

/** Server-wide figures; maps onto the seed's `OVMSServerStatistics` (see each field). */
export interface ServerStatistics {
  /** `GET /v2` `name`. */
  readonly serverName: string;
  /** `GET /v2` `version` (seed: `server_version`). */
  readonly serverVersion: string;
  /** Servables with at least one `AVAILABLE` version in `GET /v1/config` (seed: `active_models`). */
  readonly activeModels: number;
  /** Sum of `ovms_requests_success` and `ovms_requests_fail` (seed: `total_requests`). */
  readonly totalRequests: number | undefined;
  /** Sum of `ovms_requests_fail`. */
  readonly failedRequests: number | undefined;
  /** Inference requests only (see {@link ModelStatistics.inferenceRequests}). */
  readonly inferenceRequests: number | undefined;
  /** `totalRequests` per second between two scrapes (seed: `requests_per_second`); undefined without a previous scrape, or after a counter reset. */
  readonly requestsPerSecond: number | undefined;
  /** Mean request time over all models and DAGs, ms (`ovms_request_time_us` `_sum/_count`). */
  readonly avgRequestTimeMs: number | undefined;
  /** Mean OpenVINO inference time over all models, ms (`ovms_inference_time_us`; seed: `avg_inference_time`). */
  readonly avgInferenceTimeMs: number | undefined;
  /** Mean MediaPipe graph processing time, ms (`ovms_graph_processing_time_us`). */
  readonly avgGraphProcessingTimeMs: number | undefined;
  /** OVMS does not report its uptime (no `process_start_time_seconds`, rest-api.md §6). */
  readonly uptimeSeconds: undefined;
  /** OVMS does not report CPU usage. */
  readonly cpuUsagePercent: undefined;
  /** OVMS does not report memory usage. */
  readonly memoryUsageMb: undefined;
  /** Per servable name (seed: one `OVMSModelStatistics` each). */
  readonly models: Readonly<Record<string, ModelStatistics>>;
  /** Pass it as `previous` to the next call to get `requestsPerSecond`. */
  readonly snapshot: StatisticsSnapshot;
}
