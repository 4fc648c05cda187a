import { invalidInput } from '../errors/OvmsError.js';
import type { BaseApiBackend } from './BaseApiBackend.js';
import { OVMS } from './OVMS.js';
import type { ApiMetadata, ApiResources } from './types.js';

/** How the factory makes and matches a backend. */
export interface BackendFactory {
  /** Builds an instance. */
  readonly create: (resources: ApiResources, metadata: ApiMetadata) => BaseApiBackend;
  /** Whether the backend can serve a model (pure, no network). */
  readonly isCompatible: (model: string) => boolean;
}

/** A set of named backends; `createApiBackend` and friends use the default one. */
export interface BackendRegistry {
  readonly register: (name: string, factory: BackendFactory) => void;
  readonly get: (name: string) => BackendFactory | undefined;
  readonly names: () => string[];
}

/** A registry holding `ovms`; give your own to keep registrations apart (tests, plugins). */
export function createBackendRegistry(): BackendRegistry {
  const factories = new Map<string, BackendFactory>([
    ['ovms', { create: (resources, metadata) => new OVMS(resources, metadata), isCompatible: (model) => new OVMS({}, { ovms_model: 'model' }).isCompatibleModel(model) }],
  ]);
  return {
    register(name, factory) {
      if (typeof name !== 'string' || name.trim() === '') throw invalidInput('name', 'expected a non-empty backend name');
      if (typeof factory?.create !== 'function' || typeof factory.isCompatible !== 'function') {
        throw invalidInput('factory', 'expected { create(resources, metadata), isCompatible(model) }');
      }
      factories.set(name.toLowerCase(), factory);
    },
    get: (name) => factories.get(String(name).toLowerCase()),
    names: () => [...factories.keys()],
  };
}

/**
 * The process-wide registry behind `createApiBackend`: the seed's factory functions are global,
 * so this is the one deliberate piece of module state, created on first use (nothing runs at import).
 */
let defaultRegistry: BackendRegistry | undefined;

/** The registry the factory functions use unless given another. */
export function backendRegistry(): BackendRegistry {
  defaultRegistry ??= createBackendRegistry();
  return defaultRegistry;
}
