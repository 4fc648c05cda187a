import type { ConfigStatus } from '../config/configStatusSchema.js';
import type { PrometheusFamily, PrometheusSample } from './PrometheusFamily.js';
import type { ModelStatistics, ServerStatistics, StatisticsSnapshot } from './ServerStatistics.js';

/** What {@link serverStatisticsFrom} computes from. */
export interface StatisticsSources {
  readonly families: readonly PrometheusFamily[];
  /** When the scrape was answered (see {@link StatisticsSnapshot.at}). */
  readonly at: number;
  /** `GET /v2`. */
  readonly server: { readonly name: string; readonly version: string };
  /** `GET /v1/config`. */
  readonly status: ConfigStatus;
  readonly previous?: StatisticsSnapshot | undefined;
}

// Methods that run an inference (rest-api.md §6 label values).
const INFERENCE_METHODS: ReadonlySet<string> = /*#__PURE__*/ new Set(['ModelInfer', 'ModelInferStream', 'Predict', 'Unary', 'Stream']);

type Filter = (sample: PrometheusSample) => boolean;

/**
 * Computes server and per-servable statistics from one scrape, the server metadata and the config
 * status. Pure. Histogram means are `_sum / _count` over all series (microseconds in OVMS, here
 * ms); a figure is undefined when OVMS emitted no series for it.
 *
 * @param sources - The scrape, its time, `/v2`, `/v1/config`, and the previous snapshot for rates.
 * @returns The statistics, with the snapshot for the next call.
 */
export function serverStatisticsFrom(sources: StatisticsSources): ServerStatistics {
  const byName = new Map(sources.families.map((f) => [f.name, f]));
  const sum = (family: string, sample: string, filter: Filter = () => true): number | undefined => {
    let total: number | undefined;
    for (const s of byName.get(family)?.samples ?? []) {
      if (s.name === sample && filter(s) && Number.isFinite(s.value)) total = (total ?? 0) + s.value;
    }
    return total;
  };
  const add = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  const meanMs = (family: string, filter?: Filter): number | undefined => {
    const count = sum(family, `${family}_count`, filter);
    const total = sum(family, `${family}_sum`, filter);
    return count === undefined || total === undefined || count === 0 ? undefined : total / count / 1000;
  };
  const requests = (filter?: Filter): number | undefined => add(sum('ovms_requests_success', 'ovms_requests_success', filter), sum('ovms_requests_fail', 'ovms_requests_fail', filter));
  const inference = (filter: Filter = () => true): number | undefined => requests((s) => filter(s) && INFERENCE_METHODS.has(s.labels.method ?? ''));
  const rate = (current: number | undefined, previous: number | undefined): number | undefined => {
    const prev = sources.previous;
    if (prev === undefined || current === undefined || previous === undefined) return undefined;
    const seconds = (sources.at - prev.at) / 1000;
    // A counter that went down means OVMS restarted: no honest rate across that.
    if (seconds <= 0 || current < previous) return undefined;
    return (current - previous) / seconds;
  };

  const names = new Set<string>();
  const versions = new Map<string, Set<string>>();
  for (const f of sources.families) {
    for (const s of f.samples) {
      const name = s.labels.name;
      if (name === undefined || !f.name.startsWith('ovms_')) continue;
      names.add(name);
      const version = s.labels.version;
      if (version !== undefined) {
        const set = versions.get(name) ?? new Set<string>();
        set.add(version);
        versions.set(name, set);
      }
    }
  }

  const models: Record<string, ModelStatistics> = {};
  const modelRequests: Record<string, number> = {};
  for (const name of [...names].sort()) {
    const of: Filter = (s) => s.labels.name === name;
    const total = requests(of);
    if (total !== undefined) Object.defineProperty(modelRequests, name, { enumerable: true, value: total });
    Object.defineProperty(models, name, {
      enumerable: true,
      value: {
        model: name,
        requests: total,
        failures: sum('ovms_requests_fail', 'ovms_requests_fail', of),
        inferenceRequests: inference(of),
        requestsPerSecond: rate(total, previousOf(sources.previous, name)),
        avgRequestTimeMs: meanMs('ovms_request_time_us', of),
        avgInferenceTimeMs: meanMs('ovms_inference_time_us', of),
        avgGraphProcessingTimeMs: meanMs('ovms_graph_processing_time_us', of),
        currentRequests: add(sum('ovms_current_requests', 'ovms_current_requests', of), sum('ovms_current_graphs', 'ovms_current_graphs', of)),
        streams: sum('ovms_streams', 'ovms_streams', of),
        versions: [...(versions.get(name) ?? [])].sort((a, b) => Number(a) - Number(b)),
      } satisfies ModelStatistics,
    });
  }

  const totalRequests = requests();
  return {
    serverName: sources.server.name,
    serverVersion: sources.server.version,
    activeModels: Object.values(sources.status).filter((e) => e.model_version_status.some((v) => v.state === 'AVAILABLE')).length,
    totalRequests,
    failedRequests: sum('ovms_requests_fail', 'ovms_requests_fail'),
    inferenceRequests: inference(),
    requestsPerSecond: rate(totalRequests, sources.previous?.totalRequests),
    avgRequestTimeMs: meanMs('ovms_request_time_us'),
    avgInferenceTimeMs: meanMs('ovms_inference_time_us'),
    avgGraphProcessingTimeMs: meanMs('ovms_graph_processing_time_us'),
    uptimeSeconds: undefined,
    cpuUsagePercent: undefined,
    memoryUsageMb: undefined,
    models,
    snapshot: { at: sources.at, totalRequests, modelRequests },
  };
}

function previousOf(previous: StatisticsSnapshot | undefined, name: string): number | undefined {
  return previous !== undefined && Object.hasOwn(previous.modelRequests, name) ? previous.modelRequests[name] : undefined;
}
