/**
 * `new OVMS(resources?, metadata?)`: the seed's keys, their environment variables and defaults,
 * timeout units (`timeout` in ms, `OVMS_TIMEOUT` in s), clear errors for bad values, the frozen
 * `config`, browser-safe environment reading, and the pure `isCompatibleModel`.
 */
import { describe, expect, it } from 'vitest';
import { OVMS, OvmsError, facadeConfigInput, isOvmsCompatibleModel } from '../../src/api_backends/index.js';
import { readEnv } from '../../src/api_backends/readEnv.js';
import { isolateOvmsEnv, thrownBy } from './facadeHelpers.js';

isolateOvmsEnv();

/** Runs `f` while `globalThis.process` is absent, as in a browser; puts it back synchronously. */
function withoutProcess<T>(f: () => T): T {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'process');
  if (descriptor === undefined) throw new Error('expected globalThis.process in Node');
  Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
  try {
    return f();
  } finally {
    Object.defineProperty(globalThis, 'process', descriptor);
  }
}

describe('constructor defaults', () => {
  it("uses the seed's defaults without metadata or environment", () => {
    const ovms = new OVMS();
    expect(ovms.config.baseUrl).toBe('http://localhost:9000');
    expect(ovms.getDefaultModel()).toBe('model');
    expect(ovms.config.model).toBe('model');
    // `latest` is the server's default version: nothing goes into the URL.
    expect(ovms.config.version).toBeUndefined();
    expect(ovms.config.precision).toBe('FP32');
    expect(ovms.config.timeout).toBe(30_000);
    expect(ovms.getApiKey()).toBeUndefined();
  });

  it('exposes a deeply frozen config', () => {
    const ovms = new OVMS({}, { ovms_api_url: 'http://ovms.test', ovms_model: 'bert' });
    expect(Object.isFrozen(ovms.config)).toBe(true);
    expect(Object.isFrozen(ovms.config.headers)).toBe(true);
    expect(() => {
      (ovms.config as { timeout: number }).timeout = 1;
    }).toThrow(TypeError);
    expect(ovms.config.timeout).toBe(30_000);
  });

  it('is the default export of the module too', async () => {
    const module = await import('../../src/api_backends/OVMS.js');
    expect(module.default).toBe(OVMS);
  });
});

describe("constructor: the seed's metadata keys", () => {
  it('takes every key from metadata', () => {
    const ovms = new OVMS({}, {
      ovms_api_key: 'your_api_key',
      ovms_model: 'bert',
      ovms_api_url: 'http://custom-ovms-server.com:9000',
      ovms_version: '2',
      ovms_precision: 'FP16',
      timeout: 60000,
    });
    expect(ovms.config).toMatchObject({ baseUrl: 'http://custom-ovms-server.com:9000', model: 'bert', version: '2', precision: 'FP16', timeout: 60_000, apiKey: 'your_api_key' });
    expect(ovms.getApiKey()).toBe('your_api_key');
    expect(ovms.getDefaultModel()).toBe('bert');
  });

  it('accepts a precision in any case', () => {
    expect(new OVMS({}, { ovms_precision: 'int8' }).config.precision).toBe('INT8');
    expect(new OVMS({}, { ovms_precision: 'bf16' }).config.precision).toBe('BF16');
  });

  it('metadata wins over the environment', () => {
    process.env['OVMS_API_URL'] = 'http://from-env.test';
    process.env['OVMS_MODEL'] = 'env_model';
    process.env['OVMS_TIMEOUT'] = '5';
    const ovms = new OVMS({}, { ovms_api_url: 'http://from-metadata.test', ovms_model: 'meta_model', timeout: 1234 });
    expect(ovms.config.baseUrl).toBe('http://from-metadata.test');
    expect(ovms.getDefaultModel()).toBe('meta_model');
    expect(ovms.config.timeout).toBe(1234);
  });

  it('treats an empty metadata string as absent', () => {
    process.env['OVMS_MODEL'] = 'env_model';
    expect(new OVMS({}, { ovms_model: '' }).getDefaultModel()).toBe('env_model');
  });

  it('rejects a non-string key with the field name', () => {
    const error = thrownBy(() => new OVMS({}, { ovms_model: 42 as unknown as string }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'ovms_model' });
    expect(error.message).toContain('expected a string');
  });
});

describe('constructor: environment variables', () => {
  it('falls back to OVMS_API_URL, OVMS_MODEL, OVMS_VERSION, OVMS_PRECISION, OVMS_API_KEY', () => {
    process.env['OVMS_API_URL'] = 'http://env-server.test:8000';
    process.env['OVMS_MODEL'] = 'resnet';
    process.env['OVMS_VERSION'] = '3';
    process.env['OVMS_PRECISION'] = 'fp16';
    process.env['OVMS_API_KEY'] = 'env-key';
    const ovms = new OVMS();
    expect(ovms.config).toMatchObject({ baseUrl: 'http://env-server.test:8000', model: 'resnet', version: '3', precision: 'FP16', apiKey: 'env-key' });
  });

  it('ignores empty variables', () => {
    process.env['OVMS_API_URL'] = '';
    process.env['OVMS_MODEL'] = '';
    const ovms = new OVMS();
    expect(ovms.config.baseUrl).toBe('http://localhost:9000');
    expect(ovms.getDefaultModel()).toBe('model');
  });
});

describe('constructor: timeout units', () => {
  it('reads metadata.timeout in milliseconds (the seed examples: 60000 = 60 s)', () => {
    expect(new OVMS({}, { timeout: 60000 }).config.timeout).toBe(60_000);
    expect(new OVMS({}, { timeout: 250 }).config.timeout).toBe(250);
  });

  it('reads OVMS_TIMEOUT in seconds', () => {
    process.env['OVMS_TIMEOUT'] = '45';
    expect(new OVMS().config.timeout).toBe(45_000);
    process.env['OVMS_TIMEOUT'] = '0.5';
    expect(new OVMS().config.timeout).toBe(500);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '60000', null, true])('rejects timeout %s with a message naming the unit', (timeout) => {
    const error = thrownBy(() => new OVMS({}, { timeout: timeout as number }));
    expect(error).toBeInstanceOf(OvmsError);
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'timeout' });
    expect(error.message).toMatch(/positive number of milliseconds/);
  });

  it.each(['abc', '0', '-3', ' '])('rejects OVMS_TIMEOUT=%j with a message naming seconds', (value) => {
    process.env['OVMS_TIMEOUT'] = value;
    const error = thrownBy(() => new OVMS());
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'OVMS_TIMEOUT' });
    expect(error.message).toMatch(/positive number of seconds/);
  });
});

describe('constructor: precision', () => {
  it('rejects an unknown precision from metadata, listing the valid ones', () => {
    const error = thrownBy(() => new OVMS({}, { ovms_precision: 'FP8' }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'ovms_precision' });
    expect(error.message).toContain('FP32, FP16, BF16, FP64, INT8');
    expect(error.message).toContain('"FP8"');
  });

  it('rejects an unknown precision from OVMS_PRECISION', () => {
    process.env['OVMS_PRECISION'] = 'half';
    expect(thrownBy(() => new OVMS()).reason).toEqual({ _tag: 'InvalidInput', field: 'ovms_precision' });
  });

  it('rejects an unknown per-call precision before sending anything', async () => {
    const calls: string[] = [];
    const ovms = new OVMS({ fetch: async (input) => (calls.push(String(input)), new Response('{}')) }, { ovms_api_url: 'http://ovms.test' });
    await expect(ovms.infer('dummy', [1], { precision: 'FP4' })).rejects.toMatchObject({ reason: { _tag: 'InvalidInput', field: 'precision' } });
    expect(calls).toEqual([]);
  });
});

describe('constructor: other settings', () => {
  it('rejects a base URL that is not absolute http(s)', () => {
    expect(thrownBy(() => new OVMS({}, { ovms_api_url: 'localhost:9000' })).reason._tag).toBe('InvalidInput');
  });

  it('rejects a bad legacy limit (max_concurrent_requests)', () => {
    expect(thrownBy(() => new OVMS({}, { max_concurrent_requests: 0 })).reason).toEqual({ _tag: 'InvalidInput', field: 'max_concurrent_requests' });
  });

  it('uses resources.fetch for its requests', async () => {
    const urls: string[] = [];
    const ovms = new OVMS(
      {
        fetch: async (input) => {
          urls.push(input instanceof Request ? input.url : String(input));
          return new Response(null, { status: 200 });
        },
      },
      { ovms_api_url: 'http://ovms.test', ovms_model: 'bert' },
    );
    expect(await ovms.testEndpoint()).toBe(true);
    expect(urls).toEqual(['http://ovms.test/v2/models/bert/ready']);
  });
});

describe('reading the environment without process (a browser)', () => {
  it('readEnv returns undefined and does not throw', () => {
    process.env['OVMS_MODEL'] = 'from-env';
    expect(readEnv('OVMS_MODEL')).toBe('from-env');
    expect(withoutProcess(() => readEnv('OVMS_MODEL'))).toBeUndefined();
  });

  it('the constructor falls back to the defaults', () => {
    process.env['OVMS_API_URL'] = 'http://from-env.test';
    process.env['OVMS_CONFIG_PATH'] = 'config.json';
    const ovms = withoutProcess(() => new OVMS());
    expect(ovms.config.baseUrl).toBe('http://localhost:9000');
    expect(ovms.getDefaultModel()).toBe('model');
    expect(withoutProcess(() => facadeConfigInput({}, { ovms_model: 'bert' }))).toMatchObject({ baseUrl: 'http://localhost:9000', model: 'bert', timeout: 30_000 });
  });

  it('a browser backend has no config store (the management methods say how to give one)', async () => {
    process.env['OVMS_CONFIG_PATH'] = 'config.json';
    const ovms = withoutProcess(() => new OVMS({}, { ovms_api_url: 'http://ovms.test' }));
    const error = await ovms.setExecutionMode('bert', 'latency').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ reason: { _tag: 'Unsupported' } });
  });
});

describe('isCompatibleModel (pure, no network)', () => {
  const throwingFetch: typeof fetch = () => {
    throw new Error('isCompatibleModel must not use the network');
  };
  const ovms = new OVMS({ fetch: throwingFetch }, { ovms_api_url: 'http://ovms.test' });

  it.each(['bert', 'resnet', 'custom_model', 'dummy', 'llama3', 'bge-large-en-v1.5', 'OpenVINO/Mistral-7B-Instruct-int4-ov', 'BAAI/bge-reranker-large', 'my-model-ov', 'yolo11'])('%s is compatible', (name) => {
    expect(ovms.isCompatibleModel(name)).toBe(true);
    expect(isOvmsCompatibleModel(name)).toBe(true);
  });

  it.each(['text-davinci-003', 'claude-3', '', '   ', 'dall-e'])('%j is not', (name) => {
    expect(ovms.isCompatibleModel(name)).toBe(false);
  });

  it('answers non-strings with false', () => {
    expect(ovms.isCompatibleModel(undefined as unknown as string)).toBe(false);
  });
});
