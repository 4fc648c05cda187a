import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveModel, resolveVersion } from '../core/resolveTarget.js';
import type { CallOptions } from '../core/types.js';
import type { ModelVersionState } from '../protocols/config/configStatusSchema.js';
import { servedVersion } from '../protocols/config/servedVersion.js';
import { getConfigStatus } from './getConfigStatus.js';
import { getModelReady } from './getModelReady.js';
import type { ModelTarget } from './ModelTarget.js';

/**
 * How usable a model is, derived from its state (rest-api.md §3, §4.1):
 * - `healthy`: the version answers inference (ready endpoint 200, state `AVAILABLE`);
 * - `loading`: `START` or `LOADING` without a load error: wait (see `waitForModelAvailable`);
 * - `failed`: the load failed (an `error_code` other than `OK`, typically `LOADING` + `UNKNOWN`);
 *   OVMS does not retry by itself: fix config.json or the model files and reload;
 * - `unavailable`: `UNLOADING`, retired (`END`), or no version at all.
 */
export type ModelHealth = 'healthy' | 'loading' | 'failed' | 'unavailable';

/** One version of a model as `GET /v1/config` lists it. */
export interface ModelVersionInfo {
  readonly version: string;
  readonly state: ModelVersionState;
  readonly error_code: string;
  readonly error_message: string;
}

/** What {@link getModelStatus} returns. */
export interface ModelStatus {
  readonly model: string;
  /** The version `state` is about: the one asked for, else the one OVMS serves by default; undefined when there is none. */
  readonly version: string | undefined;
  /** That version's state; `UNKNOWN` when `/v1/config` does not list it. */
  readonly state: ModelVersionState | 'UNKNOWN';
  readonly health: ModelHealth;
  /** What `GET /v2/models/{m}[/versions/{v}]/ready` said. */
  readonly ready: boolean;
  /** Every version `/v1/config` lists, in its order. */
  readonly versions: readonly ModelVersionInfo[];
}

/**
 * A model's state and health. Calls `GET /v2/models/{m}[/versions/{v}]/ready` and `GET /v1/config`
 * in parallel (rest-api.md §8: the real equivalent of the invented `/v1/models/{m}/status`): the
 * ready endpoint says whether inference would be served; the config status gives every version's
 * state and load error, which the ready endpoint folds into one 404.
 *
 * @param config - The client config.
 * @param target - The model (default: the config's) and optional version.
 * @param options - Per-call options.
 * @returns State, health, readiness and every version.
 * @throws {OvmsError} `Status` 404 for an unknown model or version (from the ready endpoint);
 *   `InvalidInput`, `Decode`, `Transport`, `Timeout`, `Aborted`.
 * @example
 * ```ts
 * const { state, health } = await getModelStatus(config, { model: 'bert' });
 * ```
 */
export async function getModelStatus(config: ClientConfig, target: ModelTarget = {}, options: CallOptions = {}): Promise<ModelStatus> {
  const model = resolveModel(config, target.model);
  const version = resolveVersion(config, model, target.version);
  const [ready, status] = await Promise.all([getModelReady(config, target, options), getConfigStatus(config, options)]);
  const entry = status[model];
  const served = entry === undefined ? undefined : servedVersion(entry, version);
  const versions = (entry?.model_version_status ?? []).map((s) => ({ version: s.version, state: s.state, error_code: s.status.error_code, error_message: s.status.error_message }));
  const state = served?.state ?? (ready ? 'AVAILABLE' : 'UNKNOWN');
  return { model, version: served?.version ?? version, state, health: healthOf(ready, state, served?.status.error_code), ready, versions };
}

function healthOf(ready: boolean, state: string, errorCode: string | undefined): ModelHealth {
  if (ready) return 'healthy';
  if (errorCode !== undefined && errorCode !== 'OK') return 'failed';
  if (state === 'START' || state === 'LOADING') return 'loading';
  return 'unavailable';
}
