/**
 * Which series OVMS creates for a servable and how traffic updates them (rest-api.md §6,
 * `src/model_metric_reporter.cpp`).
 */
import type { ModelConfigEntry } from '../config/parseConfigFile.js';
import type { MetricsStore } from './createMetrics.js';

const INTERFACES = ['gRPC', 'REST'] as const;

/**
 * The number of execution streams a model version reports: `NUM_STREAMS` from `plugin_config`,
 * else 4 with the THROUGHPUT hint, else 1 (CPU latency default of the test server).
 */
export function streamsOf(cfg: ModelConfigEntry | undefined): number {
  const ns = cfg?.pluginConfig.NUM_STREAMS;
  if (ns !== undefined && Number.isFinite(Number(ns)) && Number(ns) > 0) return Math.floor(Number(ns));
  return cfg?.pluginConfig.PERFORMANCE_HINT === 'THROUGHPUT' ? 4 : 1;
}

/** Pre-creates (value 0) the series of a model version, as OVMS does when the version loads. */
export function precreateModelSeries(m: MetricsStore, name: string, version: number, legacy: boolean, cfg: ModelConfigEntry | undefined): void {
  const v = String(version);
  for (const iface of INTERFACES) {
    for (const family of ['ovms_requests_success', 'ovms_requests_fail']) {
      m.ensure(family, { api: 'KServe', interface: iface, method: 'ModelReady', name });
      m.ensure(family, { api: 'KServe', interface: iface, method: 'ModelMetadata', name, version: v });
      m.ensure(family, { api: 'KServe', interface: iface, method: 'ModelInfer', name, version: v });
      if (legacy) {
        // 2026.3 emits no TensorFlowServing series (rest-api.md §6).
        m.ensure(family, { api: 'TensorFlowServing', interface: iface, method: 'GetModelStatus', name });
        m.ensure(family, { api: 'TensorFlowServing', interface: iface, method: 'GetModelMetadata', name, version: v });
        m.ensure(family, { api: 'TensorFlowServing', interface: iface, method: 'Predict', name, version: v });
      }
    }
    m.ensure('ovms_request_time_us', { interface: iface, name, version: v });
  }
  const streams = streamsOf(cfg);
  m.set('ovms_streams', { name, version: v }, streams);
  m.set('ovms_infer_req_queue_size', { name, version: v }, cfg?.nireq !== undefined && cfg.nireq > 0 ? cfg.nireq : streams);
  m.ensure('ovms_infer_req_active', { name, version: v });
  m.ensure('ovms_current_requests', { name, version: v });
  m.ensure('ovms_inference_time_us', { name, version: v });
  m.ensure('ovms_wait_for_infer_req_time_us', { name, version: v });
}

/** Pre-creates the series of a MediaPipe graph (no `version` label, rest-api.md §6). */
export function precreateGraphSeries(m: MetricsStore, name: string): void {
  m.ensure('ovms_current_graphs', { name });
  for (const iface of INTERFACES) {
    for (const [api, methods] of [
      ['KServe', ['ModelInfer']],
      ['V3', ['Unary', 'Stream']],
    ] as const) {
      for (const method of methods) {
        for (const family of ['ovms_requests_success', 'ovms_requests_fail', 'ovms_requests_accepted', 'ovms_requests_rejected', 'ovms_responses', 'ovms_graph_error']) {
          m.ensure(family, { api, interface: iface, method, name });
        }
      }
    }
  }
  for (const method of ['Unary', 'Stream']) m.ensure('ovms_graph_processing_time_us', { method, name });
}

/** One finished request to a model, for {@link recordModelRequest}. */
export interface ModelRequestRecord {
  readonly api: 'KServe' | 'TensorFlowServing';
  readonly method: string;
  readonly name: string;
  /** Absent for ModelReady / GetModelStatus (rest-api.md §6). */
  readonly version: number | undefined;
  readonly ok: boolean;
}

/** Counts a request in `ovms_requests_success` / `ovms_requests_fail` (REST interface). */
export function recordModelRequest(m: MetricsStore, r: ModelRequestRecord): void {
  const labels: Record<string, string> = { api: r.api, interface: 'REST', method: r.method, name: r.name };
  if (r.version !== undefined) labels.version = String(r.version);
  m.add(r.ok ? 'ovms_requests_success' : 'ovms_requests_fail', labels, 1);
}
