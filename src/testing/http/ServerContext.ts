/**
 * The state of one server instance that every handler reads (no module-level state).
 */
import type { MetricsStore } from '../metrics/createMetrics.js';
import type { Registry } from '../registry/createRegistry.js';

/** What handlers share. */
export interface ServerContext {
  readonly registry: Registry;
  readonly metrics: MetricsStore;
  /** OVMS 2026.2 behaviour (TFS API, no `/v1` OpenAI alias). */
  readonly legacy: boolean;
  /** The `version` of `GET /v2`. */
  readonly serverVersion: string;
}
