/**
 * The api_backends factory: `createApiBackend`, `findCompatibleBackend`, `getAvailableBackends`,
 * `registerBackend` (the seed's "Using with the API Backend Factory" section).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  BaseApiBackend,
  OVMS,
  createApiBackend,
  createBackendRegistry,
  findCompatibleBackend,
  getAvailableBackends,
  registerBackend,
  type BackendFactory,
} from '../../src/api_backends/index.js';
import { freshServer, isEmbedding, isolateOvmsEnv, routesSince, useServerCleanup } from './facadeHelpers.js';

isolateOvmsEnv();
useServerCleanup();

describe('createApiBackend', () => {
  it("'ovms' creates an OVMS with the given metadata", () => {
    const backend = createApiBackend('ovms', {}, { ovms_api_url: 'http://localhost:9000', ovms_model: 'bert' });
    expect(backend).toBeInstanceOf(OVMS);
    expect(backend).toBeInstanceOf(BaseApiBackend);
    expect(backend?.getDefaultModel()).toBe('bert');
    expect(backend?.constructor.name).toBe('OVMS');
  });

  it('the name is case-insensitive', () => {
    expect(createApiBackend('OVMS')).toBeInstanceOf(OVMS);
  });

  it('an unknown name is null, and logger.warn gets a message listing the names', () => {
    const warn = vi.fn<(message: string) => void>();
    expect(createApiBackend('openai-ish', { logger: { warn } })).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    const message = warn.mock.calls[0]?.[0] ?? '';
    expect(message).toContain('openai-ish');
    expect(message).toContain('Available backends: ovms');
  });

  it('an unknown name without a logger is null and writes nothing to the console', () => {
    const spies = (['log', 'warn', 'error', 'info'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
    try {
      expect(createApiBackend('nope')).toBeNull();
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('getAvailableBackends', () => {
  it("includes 'ovms'", () => {
    expect(getAvailableBackends()).toContain('ovms');
  });
});

describe('findCompatibleBackend', () => {
  it("'bert' gives the OVMS backend, whose infer works as in the seed (server from OVMS_API_URL)", async () => {
    const server = await freshServer();
    process.env['OVMS_API_URL'] = server.url;
    const modelName = 'bert';
    const backend = findCompatibleBackend(modelName);
    expect(backend).toBeInstanceOf(OVMS);
    expect(backend?.constructor.name).toBe('OVMS');
    const result = await backend?.infer(modelName, [0, 1, 2, 3]);
    expect(result).toHaveLength(1);
    expect(isEmbedding(result[0])).toBe(true);
    expect(routesSince(server)).toEqual(['GET /v2/models/bert', 'POST /v2/models/bert/infer']);
  });

  it('the given metadata is used', () => {
    const backend = findCompatibleBackend('resnet', {}, { ovms_api_url: 'http://ovms.test', ovms_model: 'resnet' });
    expect(backend?.getDefaultModel()).toBe('resnet');
  });

  it('an incompatible model gives null', () => {
    expect(findCompatibleBackend('text-davinci-003')).toBeNull();
  });
});

describe('registerBackend', () => {
  const fake: BackendFactory = {
    create: (resources, metadata) => new OVMS(resources, { ...metadata, ovms_model: 'from-fake' }),
    isCompatible: (model) => model.startsWith('fake-'),
  };

  it('adds a backend to a registry: created by name, listed, and found by compatibility', () => {
    const registry = createBackendRegistry();
    registerBackend('fake', fake, registry);
    expect(getAvailableBackends(registry)).toEqual(['ovms', 'fake']);
    expect(createApiBackend('fake', {}, {}, registry)?.getDefaultModel()).toBe('from-fake');
    expect(findCompatibleBackend('fake-model', {}, {}, registry)?.getDefaultModel()).toBe('from-fake');
    // The default registry is not touched.
    expect(getAvailableBackends()).not.toContain('fake');
  });

  it('adds a backend to the default registry', () => {
    registerBackend('fake2', fake);
    expect(getAvailableBackends()).toContain('fake2');
    expect(createApiBackend('fake2')?.getDefaultModel()).toBe('from-fake');
  });

  it('rejects a bad name or factory', () => {
    const registry = createBackendRegistry();
    expect(() => registerBackend('', fake, registry)).toThrow(/non-empty/);
    expect(() => registerBackend('x', {} as BackendFactory, registry)).toThrow(/create/);
  });
});
