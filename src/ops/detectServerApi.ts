import type { ClientConfig } from '../config/ClientConfig.js';
import type { CallOptions } from '../core/types.js';
import { compareOvmsVersion } from '../server/compareOvmsVersion.js';
import { parseOvmsVersion } from '../server/parseOvmsVersion.js';
import type { ServerApi } from '../server/ServerApi.js';
import { cachedServerApi } from '../server/serverApiCache.js';
import { getServerMetadata } from './getServerMetadata.js';

/** First release without the TFS API and with `/v1` as the OpenAI alias (rest-api.md §0). */
const TFS_REMOVED_IN = '2026.3';

/** Options of {@link detectServerApi}. */
export interface DetectServerApiOptions extends CallOptions {
  /** Ask the server again even when this config already has an answer. */
  readonly refresh?: boolean;
}

/**
 * Which REST APIs the server offers, from the version in `GET /v2` (rest-api.md §0, §4.1):
 * KServe always; the TensorFlow-Serving API before 2026.3; the OpenAI `/v1/...` alias from 2026.3
 * (`/v3/...` works on every release since 2024.2). The answer is cached per config (a `WeakMap`
 * keyed by the frozen config; `withConfig` starts afresh); `refresh` asks again. A version string
 * that does not start with `<year>.<minor>` gives `tfs: false, openaiV1: false`: only what works
 * on every release is claimed.
 *
 * @param config - From `createConfig`.
 * @param options - `refresh`, signal, timeout, retry, headers, request id.
 * @returns `{ version, kserve: true, tfs, openaiV1 }`.
 * @throws {OvmsError} `Status`, `Transport`, `Timeout`, `Aborted`, `Decode` (from `GET /v2`); a failure is not cached.
 * @example
 * ```ts
 * const api = await detectServerApi(config);
 * if (api.tfs) await tfsPredict(config, { model: 'resnet', instances }); // OVMS <= 2026.2 only
 * ```
 */
export function detectServerApi(config: ClientConfig, options: DetectServerApiOptions = {}): Promise<ServerApi> {
  const { refresh, ...callOptions } = options;
  return cachedServerApi(
    config,
    async () => {
      const { version } = await getServerMetadata(config, callOptions);
      if (parseOvmsVersion(version) === undefined) return { version, kserve: true, tfs: false, openaiV1: false };
      const modern = compareOvmsVersion(version, TFS_REMOVED_IN) >= 0;
      return { version, kserve: true, tfs: !modern, openaiV1: modern };
    },
    refresh === true,
    (callOptions.baseUrl ?? config.baseUrl).replace(/\/+$/, ''),
  );
}

