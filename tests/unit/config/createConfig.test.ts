import { describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import { withConfig } from '../../../src/config/withConfig.js';
import { DEFAULT_RETRY_POLICY } from '../../../src/config/defaults.js';
import { isOvmsErrorReason, OvmsError } from '../../../src/errors/OvmsError.js';

function invalid(input: unknown): OvmsError {
  try {
    createConfig(input as never);
  } catch (error) {
    if (error instanceof OvmsError) return error;
    throw error;
  }
  throw new Error('createConfig accepted an invalid config');
}

describe('createConfig', () => {
  it('fills every default', () => {
    expect(createConfig()).toEqual({
      baseUrl: 'http://localhost:9000',
      model: undefined,
      version: undefined,
      precision: 'FP32',
      apiKey: undefined,
      timeout: 30_000,
      retry: DEFAULT_RETRY_POLICY,
      middleware: [],
      transport: 'ky',
      fetch: undefined,
      logger: undefined,
      validate: true,
      binary: 'auto',
      headers: {},
      maxResponseBytes: 256 * 1024 * 1024,
      openaiBasePath: '/v3',
    });
  });

  it('keeps given values, normalises the base URL and version, merges a partial retry policy', () => {
    const config = createConfig({
      baseUrl: 'https://ovms.example:8443/prefix/',
      model: 'bert',
      version: 3,
      precision: 'FP16',
      apiKey: 'k',
      timeout: 5_000,
      retry: { maxRetries: 5 },
      headers: { 'X-Tenant': 'a' },
    });
    expect(config).toMatchObject({
      baseUrl: 'https://ovms.example:8443/prefix',
      model: 'bert',
      version: '3',
      precision: 'FP16',
      apiKey: 'k',
      timeout: 5_000,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 5 },
      headers: { 'X-Tenant': 'a' },
    });
    expect(createConfig({ version: 'latest' }).version).toBeUndefined();
    expect(createConfig({ retry: false }).retry).toBe(false);
  });

  it('returns a deeply frozen value', () => {
    const config = createConfig({ retry: { maxRetries: 1 }, headers: { a: 'b' } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.retry)).toBe(true);
    expect(Object.isFrozen(config.headers)).toBe(true);
    expect(Object.isFrozen(config.middleware)).toBe(true);
    expect(() => {
      (config as { timeout: number }).timeout = 1;
    }).toThrow(TypeError);
  });

  it('does not keep a reference to the caller’s arrays and objects', () => {
    const headers: Record<string, string> = { a: 'b' };
    const config = createConfig({ headers });
    headers['a'] = 'changed';
    expect(config.headers).toEqual({ a: 'b' });
  });

  it.each([
    [{ timeout: -1 }, 'timeout', 'Invalid config: timeout must be a positive number of milliseconds'],
    [{ timeout: '60' }, 'timeout', 'Invalid config: timeout must be a number of milliseconds'],
    [{ baseUrl: 'localhost:9000' }, 'baseUrl', 'Invalid config: baseUrl must be an absolute http(s) URL'],
    [{ baseUrl: 'http://u:p@host' }, 'baseUrl', 'Invalid config: baseUrl must be an absolute http(s) URL'],
    [{ precision: 'INT4' }, 'precision', 'Invalid config: precision must be one of FP32, FP16, BF16, FP64, INT8'],
    [{ version: 'v2' }, 'version', 'Invalid config: version must be "latest" or a non-negative integer'],
    [{ retry: { maxRetries: 1.5 } }, 'retry.maxRetries', 'Invalid config: retry.maxRetries must be an integer'],
    [{ retry: { jitter: 2 } }, 'retry.jitter', 'Invalid config: retry.jitter must be between 0 and 1'],
    [{ transport: 'axios' }, 'transport', 'Invalid config: transport must be "ky", "fetch" or a function'],
    [{ timeuot: 5 }, 'timeuot', 'Invalid config: timeuot is not a known option'],
  ])('rejects %j naming the field', (input, field, message) => {
    const error = invalid(input);
    expect(isOvmsErrorReason(error, 'InvalidInput')).toBe(true);
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field });
    expect(error.message.slice(0, message.length)).toBe(message);
  });
});

describe('withConfig', () => {
  it('returns a new frozen config and leaves the base untouched', () => {
    const base = createConfig({ model: 'a', timeout: 1000 });
    const next = withConfig(base, { timeout: 2000, apiKey: 'x' });
    expect(next).not.toBe(base);
    expect(Object.isFrozen(next)).toBe(true);
    expect(base.timeout).toBe(1000);
    expect(base.apiKey).toBeUndefined();
    expect(next).toMatchObject({ model: 'a', timeout: 2000, apiKey: 'x' });
  });

  it('validates the patch', () => {
    expect(() => withConfig(createConfig(), { timeout: 0 })).toThrow(/timeout must be a positive number/);
  });

  it('can remove an optional value by patching it with undefined', () => {
    const next = withConfig(createConfig({ apiKey: 'x' }), { apiKey: undefined } as never);
    expect(next.apiKey).toBeUndefined();
  });
});
