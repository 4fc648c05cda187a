import { invalidInput } from '../../errors/OvmsError.js';
import type { ModelConfigChange } from './ModelConfigChange.js';

/** The seed's execution modes. */
export type ExecutionMode = 'latency' | 'throughput';

/**
 * The config.json change for an execution mode: OpenVINO's `PERFORMANCE_HINT` in `plugin_config`
 * (`LATENCY` or `THROUGHPUT`), and `NUM_STREAMS` removed, because OVMS says not to combine an
 * explicit stream count with a hint (rest-api.md §7.1): the hint picks the streams itself.
 *
 * @param mode - `latency` or `throughput`.
 * @returns The patch for `updateModelConfig`.
 * @throws {OvmsError} `InvalidInput` for any other mode.
 * @example
 * ```ts
 * executionModePatch('throughput'); // { plugin_config: { PERFORMANCE_HINT: 'THROUGHPUT', NUM_STREAMS: null } }
 * ```
 */
export function executionModePatch(mode: ExecutionMode): ModelConfigChange {
  if (mode !== 'latency' && mode !== 'throughput') throw invalidInput('execution_mode', `expected "latency" or "throughput", got ${JSON.stringify(mode)}`);
  return { plugin_config: { PERFORMANCE_HINT: mode === 'latency' ? 'LATENCY' : 'THROUGHPUT', NUM_STREAMS: null } };
}
