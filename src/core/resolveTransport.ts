import type { ClientConfig } from '../config/ClientConfig.js';
import { fetchTransport } from '../transport/fetchTransport.js';
import { kyTransport } from '../transport/kyTransport.js';
import type { Transport } from './types.js';

/** The transport a config names: ky by default, plain fetch, or the caller's own function. */
export function resolveTransport(config: Pick<ClientConfig, 'transport' | 'fetch'>): Transport {
  if (typeof config.transport === 'function') return config.transport;
  return config.transport === 'fetch' ? fetchTransport(config.fetch) : kyTransport(config.fetch);
}
