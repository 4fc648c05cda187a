import type { ClientConfigInput } from '../config/ClientConfig.js';
import type { Precision } from '../core/types.js';
import { invalidInput } from '../errors/OvmsError.js';
import { readEnv } from './readEnv.js';
import type { ApiMetadata, ApiResources } from './types.js';

/** The seed's defaults (API reference, Constructor). */
const DEFAULTS = { url: 'http://localhost:9000', model: 'model', version: 'latest', precision: 'FP32', timeoutMs: 30_000 } as const;

const PRECISIONS: readonly string[] = ['FP32', 'FP16', 'BF16', 'FP64', 'INT8'];

/**
 * Turns the seed's constructor arguments into a functional config input: each key from `metadata`,
 * else its environment variable, else the seed's default.
 *
 * Timeout units: the seed contradicts itself (its reference says seconds, its examples pass
 * `60000` for 60 s). We follow the examples: `metadata.timeout` is in milliseconds; `OVMS_TIMEOUT`
 * (an environment string, where seconds are the convention) is in seconds.
 *
 * @throws {OvmsError} `InvalidInput` for a timeout that is not a positive number, or an unknown precision.
 */
export function facadeConfigInput(resources: ApiResources = {}, metadata: ApiMetadata = {}): ClientConfigInput & { readonly model: string } {
  const timeout = resolveTimeout(metadata.timeout, readEnv('OVMS_TIMEOUT'));
  const precision = (str(metadata.ovms_precision, 'ovms_precision') ?? readEnv('OVMS_PRECISION') ?? DEFAULTS.precision).toUpperCase();
  if (!PRECISIONS.includes(precision)) throw invalidInput('ovms_precision', `expected one of ${PRECISIONS.join(', ')}, got ${JSON.stringify(precision)}`);
  const apiKey = str(metadata.ovms_api_key, 'ovms_api_key') ?? readEnv('OVMS_API_KEY');
  return {
    baseUrl: str(metadata.ovms_api_url, 'ovms_api_url') ?? readEnv('OVMS_API_URL') ?? DEFAULTS.url,
    model: str(metadata.ovms_model, 'ovms_model') ?? readEnv('OVMS_MODEL') ?? DEFAULTS.model,
    version: str(metadata.ovms_version, 'ovms_version') ?? readEnv('OVMS_VERSION') ?? DEFAULTS.version,
    precision: precision as Precision,
    timeout,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(typeof resources.fetch === 'function' ? { fetch: resources.fetch } : {}),
  };
}

function str(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidInput(field, `expected a string, got ${typeof value}`);
  return value;
}

function resolveTimeout(ms: unknown, envSeconds: string | undefined): number {
  if (ms !== undefined) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
      throw invalidInput('timeout', `expected a positive number of milliseconds (e.g. 60000 for 60 s), got ${JSON.stringify(ms)}`);
    }
    return ms;
  }
  if (envSeconds !== undefined) {
    const seconds = Number(envSeconds);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw invalidInput('OVMS_TIMEOUT', `expected a positive number of seconds, got ${JSON.stringify(envSeconds)}`);
    }
    return seconds * 1000;
  }
  return DEFAULTS.timeoutMs;
}
