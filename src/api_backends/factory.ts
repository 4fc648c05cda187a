import type { BaseApiBackend } from './BaseApiBackend.js';
import { backendRegistry, type BackendFactory, type BackendRegistry } from './backendRegistry.js';
import type { ApiMetadata, ApiResources } from './types.js';

/**
 * Creates a backend by name (`'ovms'`, or one added with `registerBackend`).
 *
 * @returns The backend, or `null` for an unknown name; the message listing the known names goes to
 *   `resources.logger.warn` when there is one (the library writes no console output of its own).
 * @example
 * ```ts
 * const ovms = createApiBackend('ovms', {}, { ovms_api_url: 'http://localhost:9000', ovms_model: 'bert' });
 * ```
 */
export function createApiBackend(name: string, resources: ApiResources = {}, metadata: ApiMetadata = {}, registry: BackendRegistry = backendRegistry()): BaseApiBackend | null {
  const factory = registry.get(name);
  if (factory === undefined) {
    const logger = resources['logger'] as { warn?: (message: string) => void } | undefined;
    logger?.warn?.(`Unknown API backend "${name}". Available backends: ${registry.names().join(', ')}`);
    return null;
  }
  return factory.create(resources, metadata);
}

/**
 * The first registered backend compatible with a model (pure name check, no network), created with
 * the given resources and metadata (default: environment variables and the backend's defaults).
 *
 * @returns The backend, or `null` when none fits.
 */
export function findCompatibleBackend(model: string, resources: ApiResources = {}, metadata: ApiMetadata = {}, registry: BackendRegistry = backendRegistry()): BaseApiBackend | null {
  for (const name of registry.names()) {
    const factory = registry.get(name);
    if (factory?.isCompatible(model)) return factory.create(resources, metadata);
  }
  return null;
}

/** The names of the registered backends (`'ovms'` included). */
export function getAvailableBackends(registry: BackendRegistry = backendRegistry()): string[] {
  return registry.names();
}

/** Adds (or replaces) a backend in the registry the factory functions use. */
export function registerBackend(name: string, factory: BackendFactory, registry: BackendRegistry = backendRegistry()): void {
  registry.register(name, factory);
}
