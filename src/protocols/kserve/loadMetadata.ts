import type { ClientConfig } from '../../config/ClientConfig.js';
import type { CallOptions } from '../../core/types.js';
import { getModelMetadataWithShapes } from '../../ops/getModelMetadataWithShapes.js';
import type { ModelMetadata } from './kserveSchemas.js';
import { cachedMetadata } from './metadataCache.js';

/**
 * The model's metadata for validating and shaping an inference, from the config's cache or the
 * server. The caller's signal and timeout apply; its request id does not (it names the inference).
 * `version` is already resolved: undefined means the server's default, so it is sent as `latest`
 * (which the config's default version does not override).
 */
export function loadMetadata(config: ClientConfig, model: string, version: string | undefined, options: CallOptions): Promise<ModelMetadata> {
  const { requestId: _id, ...rest } = options;
  return cachedMetadata(config, model, version, () => getModelMetadataWithShapes(config, { model, version: version ?? 'latest' }, rest), options.baseUrl ?? config.baseUrl);
}
