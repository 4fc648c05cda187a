import type { ClientConfig } from '../config/ClientConfig.js';
import { resolveModel, resolveVersion } from '../core/resolveTarget.js';
import { abortedError, sleep } from '../core/sleep.js';
import type { CallOptions } from '../core/types.js';
import { invalidInput, isOvmsError, isOvmsErrorReason, OvmsError } from '../errors/OvmsError.js';
import type { ModelVersionStatus } from '../protocols/config/configStatusSchema.js';
import { describeVersionState } from '../protocols/config/describeVersionState.js';
import { servedVersion } from '../protocols/config/servedVersion.js';
import { getConfigStatus } from './getConfigStatus.js';
import type { ModelTarget } from './ModelTarget.js';

/** What {@link waitForModelAvailable} waits for, and for how long. */
export interface WaitForModelAvailableInput extends ModelTarget {
  /** Give up after this many ms (default 60 000). */
  readonly timeoutMs?: number;
  /** Pause between two polls, in ms (default 250). */
  readonly intervalMs?: number;
}

const now = (): number => performance.now();

/**
 * Waits until a model (or one version of it) is `AVAILABLE`, e.g. after `reloadConfig` or an edit
 * of config.json. Polls `GET /v1/config` (rest-api.md §3): one request shows every version's state
 * and its load error, for models and MediaPipe graphs alike, where the ready endpoint only says
 * 404 for loading, failed and retired alike (§4.1). Without a version, the model counts as
 * available once it has any `AVAILABLE` version (what OVMS serves by default).
 *
 * A failed poll (5xx, network error, a slow answer) does not end the wait: the server may be busy
 * reloading. Each poll's timeout is cut to what is left of `timeoutMs` (but not below
 * `intervalMs`), polls are not retried (the loop is the retry), and no timer outlives the call.
 *
 * @param config - The client config.
 * @param input - The model (default: the config's), optional version, `timeoutMs`, `intervalMs`.
 * @param options - Per-call options; `signal` cancels the wait.
 * @returns The status of the `AVAILABLE` version.
 * @throws {OvmsError} `Timeout` (`code` `ETIMEDOUT`) naming the last state seen; `Aborted`;
 *   `InvalidInput` for a bad model, version, `timeoutMs` or `intervalMs`; `Decode`.
 * @example
 * ```ts
 * await reloadConfig(config);
 * await waitForModelAvailable(config, { model: 'resnet', timeoutMs: 30_000 });
 * ```
 */
export async function waitForModelAvailable(config: ClientConfig, input: WaitForModelAvailableInput = {}, options: CallOptions = {}): Promise<ModelVersionStatus> {
  const model = resolveModel(config, input.model);
  const version = resolveVersion(config, model, input.version);
  const timeoutMs = input.timeoutMs ?? 60_000;
  const intervalMs = input.intervalMs ?? 250;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw invalidInput('timeoutMs', `expected a positive number of milliseconds, got ${String(timeoutMs)}`);
  if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw invalidInput('intervalMs', `expected a positive number of milliseconds, got ${String(intervalMs)}`);
  const deadline = now() + timeoutMs;
  const perPoll = options.timeout ?? config.timeout;
  let lastState: string | undefined;
  let lastFailure: string | undefined;
  for (;;) {
    if (options.signal?.aborted) throw abortedError(options.signal);
    try {
      // A poll gets what is left of the wait, but never less than one interval: a last poll with
      // a 1 ms budget could only fail. The wait is thus bounded by timeoutMs + intervalMs.
      const status = await getConfigStatus(config, { ...options, retry: false, timeout: Math.min(perPoll, Math.max(intervalMs, deadline - now())) });
      lastFailure = undefined;
      const entry = status[model];
      if (entry === undefined) {
        lastState = `"${model}" is not listed in /v1/config (servables: ${Object.keys(status).join(', ') || 'none'})`;
      } else {
        const served = servedVersion(entry, version);
        if (served?.state === 'AVAILABLE') return served;
        lastState = describeVersionState(entry, served, version);
      }
    } catch (error) {
      if (!isOvmsError(error) || isOvmsErrorReason(error, 'Aborted') || isOvmsErrorReason(error, 'Decode') || isOvmsErrorReason(error, 'InvalidInput')) throw error;
      lastFailure = error.message;
    }
    const wait = Math.min(intervalMs, deadline - now());
    if (wait <= 0) {
      throw new OvmsError(
        { _tag: 'Timeout', timeoutMs },
        `"${model}"${version === undefined ? '' : ` version ${version}`} was not AVAILABLE within ${timeoutMs} ms; last seen: ${lastState ?? 'no answer from GET /v1/config'}${lastFailure === undefined ? '' : ` (then a poll failed: ${lastFailure})`}`,
        { code: 'ETIMEDOUT', request: { operation: 'waitForModelAvailable', model, ...(version === undefined ? {} : { version }) } },
      );
    }
    await sleep(wait, options.signal);
  }
}
