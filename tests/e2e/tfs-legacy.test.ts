/**
 * End-to-end: the TensorFlow-Serving operations against the test server in legacy mode (it serves
 * the TFS API like OVMS 2026.2, rest-api.md §2), over real HTTP on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, getModelMetadataWithShapes, type ClientConfig, type Middleware } from '../../src/ovms.js';
import { detectServerApi, tfsGetModelMetadata, tfsGetModelStatus, tfsMetadataToModelMetadata, tfsPredict } from '../../src/tfs.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, RECEIVED_LIMIT, receivedSince, rejectionOf } from './e2eHelpers.js';

let server: TestServer;
let config: ClientConfig;

beforeAll(async () => {
  server = await startTestServer({ host: '127.0.0.1', port: 0, legacy: true, receivedLimit: RECEIVED_LIMIT });
  config = createConfig({ baseUrl: server.url, retry: FAST_RETRY });
});

afterAll(async () => {
  await server.close();
});

const AVAILABLE = { error_code: 'OK', error_message: 'OK' };

describe('detectServerApi on OVMS 2026.2', () => {
  it('reports the TFS API and no /v1 OpenAI alias', async () => {
    expect(await detectServerApi(config)).toEqual({ version: '2026.2.1', kserve: true, tfs: true, openaiV1: false });
  });
});

describe('tfsGetModelStatus', () => {
  it('lists every version without a version, one with it', async () => {
    const mark = server.requestCount;
    expect(await tfsGetModelStatus(config, { model: 'versioned' })).toEqual([
      { version: '1', state: 'AVAILABLE', status: AVAILABLE },
      { version: '2', state: 'AVAILABLE', status: AVAILABLE },
      { version: '3', state: 'AVAILABLE', status: AVAILABLE },
    ]);
    expect(await tfsGetModelStatus(config, { model: 'versioned', version: 2 })).toEqual([{ version: '2', state: 'AVAILABLE', status: AVAILABLE }]);
    expect(receivedSince(server, mark).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/models/versioned', 'GET /v1/models/versioned/versions/2']);
  });

  it('rejects an unknown model or version with OVMS 404 texts', async () => {
    const name = await rejectionOf(tfsGetModelStatus(config, { model: 'nope' }));
    expect([name.reason._tag, name.status, name.serverMessage]).toEqual(['Status', 404, 'Model with requested name is not found']);
    const version = await rejectionOf(tfsGetModelStatus(config, { model: 'dummy', version: 7 }));
    expect([version.reason._tag, version.status, version.serverMessage]).toEqual(['Status', 404, 'Model with requested version is not found']);
  });
});

describe('tfsGetModelMetadata', () => {
  it('returns the signature of dummy with DT_ dtypes and numeric dims', async () => {
    expect(await tfsGetModelMetadata(config, { model: 'dummy' })).toEqual({
      name: 'dummy',
      version: '1',
      signatureName: 'serving_default',
      methodName: '',
      inputs: [{ name: 'b', tensorName: 'b', dtype: 'DT_FLOAT', shape: [1, 10], unknownRank: false }],
      outputs: [{ name: 'a', tensorName: 'a', dtype: 'DT_FLOAT', shape: [1, 10], unknownRank: false }],
    });
  });

  it('converts to the same ModelMetadata as the KServe endpoint (minus rt_info)', async () => {
    for (const model of ['dummy', 'multi_io', 'identity_bytes', 'identity_fp16', 'identity_bf16', 'identity_uint64']) {
      const { rt_info: _rt, ...kserve } = await getModelMetadataWithShapes(config, { model });
      expect(tfsMetadataToModelMetadata(await tfsGetModelMetadata(config, { model }))).toEqual(kserve);
    }
  });

  it('asks for the version given: dynamic dims are -1', async () => {
    const meta = await tfsGetModelMetadata(config, { model: 'versioned', version: '2' });
    expect([meta.version, meta.inputs]).toEqual(['2', [{ name: 'x', tensorName: 'x', dtype: 'DT_FLOAT', shape: [-1, -1], unknownRank: false }]]);
  });
});

describe('tfsPredict, row format', () => {
  it('nonamed instances: predictions is a bare nested list per instance', async () => {
    const mark = server.requestCount;
    expect(await tfsPredict(config, { model: 'dummy', instances: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]] })).toEqual({ predictions: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]] });
    const [sent] = receivedSince(server, mark);
    expect([sent?.method, sent?.url, sent?.body.toString('utf8')]).toEqual(['POST', '/v1/models/dummy:predict', '{"instances":[[0,1,2,3,4,5,6,7,8,9]]}']);
  });

  it('named instances with several outputs: one object per instance', async () => {
    const result = await tfsPredict(config, {
      model: 'multi_io',
      instances: [
        { a: [1, 2], b: [3, 4], flags: [true, false], text: 'ab' },
        { a: [5, 6], b: [7, 8], flags: [true, true], text: new TextEncoder().encode('c') },
      ],
    });
    expect(result).toEqual({
      predictions: [
        { active: 1, lengths: 2, masked: [1, 0], sum: [4, 6], upper: 'AB' },
        { active: 2, lengths: 1, masked: [5, 6], sum: [12, 14], upper: 'C' },
      ],
    });
  });

  it('routes the version into the URL', async () => {
    const mark = server.requestCount;
    expect(await tfsPredict(config, { model: 'versioned', version: 3, instances: [[1, 2], [3, 4]] })).toEqual({ predictions: [[4, 5], [6, 7]] });
    expect(receivedSince(server, mark).map((r) => r.url)).toEqual(['/v1/models/versioned/versions/3:predict']);
  });
});

describe('tfsPredict, column format', () => {
  it('named inputs with several outputs: an object by output name', async () => {
    expect(await tfsPredict(config, { model: 'multi_io', inputs: { a: [[1, 2]], b: [[3, 4]], flags: [[true, false]], text: ['ab', 'xyz'] } })).toEqual({
      outputs: { active: [1], lengths: [2, 3], masked: [[1, 0]], sum: [[4, 6]], upper: ['AB', 'XYZ'] },
    });
  });

  it('a bare value for a single-input model, typed arrays and b64 binary strings', async () => {
    expect(await tfsPredict(config, { model: 'dummy', inputs: [new Float32Array([0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9])] })).toEqual({ outputs: [[1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10]] });
    expect(await tfsPredict(config, { model: 'identity_bytes', inputs: [new TextEncoder().encode('hello'), { b64: 'w6k=' }, 'plain'] })).toEqual({ outputs: ['hello', 'é', 'plain'] });
  });

  it('exact 64-bit integers go out as JSON integers', async () => {
    const mark = server.requestCount;
    await tfsPredict(config, { model: 'identity_int64', inputs: [[9007199254740993n, -5n]] });
    expect(receivedSince(server, mark)[0]?.body.toString('utf8')).toBe('{"inputs":[[9007199254740993,-5]]}');
  });
});

describe('tfsPredict errors, in OVMS words', () => {
  it('404 for an unknown model (F19) or version', async () => {
    const name = await rejectionOf(tfsPredict(config, { model: 'not_existing', instances: [[1.0]] }));
    expect([name.reason._tag, name.status, name.serverMessage]).toEqual(['Status', 404, 'Model with requested name is not found']);
    const version = await rejectionOf(tfsPredict(config, { model: 'versioned', version: 9, instances: [[1.0]] }));
    expect([version.reason._tag, version.status, version.serverMessage]).toEqual(['Status', 404, 'Model with requested version is not found']);
  });

  it('400 validation errors', async () => {
    const cases = [
      [{ model: 'dummy', instances: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]] }, 'Invalid input shape - Expected: (1,10); Actual: (1,11); input name: b'],
      [{ model: 'dummy', inputs: { c: [[1]] } }, 'Missing input with specific name - Required input: b'],
      [{ model: 'identity_int32', inputs: [[1.5]] }, 'Could not parse input content. Not valid ndarray detected'],
    ] as const;
    for (const [request, message] of cases) {
      const error = await rejectionOf(tfsPredict(config, request));
      expect([error.reason._tag, error.status, error.serverMessage]).toEqual(['Status', 400, message]);
    }
  });

  it('412 for a body that is not JSON (here emptied by a middleware, F16)', async () => {
    const emptyBody: Middleware = (next) => (request) => next({ ...request, encode: (r) => ({ ...request.encode(r), body: '' }) });
    const broken = createConfig({ baseUrl: server.url, retry: false, middleware: [emptyBody] });
    const error = await rejectionOf(tfsPredict(broken, { model: 'dummy', instances: [[1]] }));
    expect([error.reason._tag, error.status, error.serverMessage]).toEqual(['Status', 412, 'The file is not valid json - Error: The document is empty. Offset: 0']);
  });

  it('a name TFS cannot address is refused before sending', async () => {
    const mark = server.requestCount;
    const error = await rejectionOf(tfsPredict(config, { model: 'BAAI/bge-reranker-large', instances: [[1]] }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'model' });
    expect(server.requestCount).toBe(mark);
  });
});
