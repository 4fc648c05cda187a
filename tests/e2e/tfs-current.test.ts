/**
 * End-to-end: the TensorFlow-Serving operations against the test server in its default mode
 * (OVMS 2026.3, where the TFS API is gone and `/v1/...` is the OpenAI alias, rest-api.md §0, §8).
 * Each call must fail with `Unsupported` after exactly one request, and detection must say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, type ClientConfig } from '../../src/ovms.js';
import { detectServerApi, tfsGetModelMetadata, tfsGetModelStatus, tfsPredict } from '../../src/tfs.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, RECEIVED_LIMIT, receivedSince, rejectionOf } from './e2eHelpers.js';

let server: TestServer;
let keyed: TestServer;
let config: ClientConfig;

beforeAll(async () => {
  server = await startTestServer({ host: '127.0.0.1', port: 0, receivedLimit: RECEIVED_LIMIT });
  keyed = await startTestServer({ host: '127.0.0.1', port: 0, apiKey: 'secret', receivedLimit: RECEIVED_LIMIT });
  config = createConfig({ baseUrl: server.url, retry: FAST_RETRY });
});

afterAll(async () => {
  await Promise.all([server.close(), keyed.close()]);
});

describe('detectServerApi on OVMS 2026.3', () => {
  it('reports no TFS API and the /v1 OpenAI alias', async () => {
    expect(await detectServerApi(config)).toEqual({ version: '2026.3.0', kserve: true, tfs: false, openaiV1: true });
  });

  it('reads a version given to the server', async () => {
    const old = await startTestServer({ host: '127.0.0.1', port: 0, serverVersion: '2022.2.c290da85' });
    try {
      expect(await detectServerApi(createConfig({ baseUrl: old.url, retry: false }))).toEqual({ version: '2022.2.c290da85', kserve: true, tfs: true, openaiV1: false });
    } finally {
      await old.close();
    }
  });
});

describe('tfsPredict on OVMS 2026.3', () => {
  it('rejects with Unsupported from the 412 of the OpenAI handler, after one request', async () => {
    const mark = server.requestCount;
    const error = await rejectionOf(tfsPredict(config, { model: 'dummy', instances: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]] }));
    expect(error.reason).toEqual({ _tag: 'Unsupported' });
    expect(error.message).toBe(
      'tfsPredict (model "dummy"): the TensorFlow-Serving API was removed in OVMS 2026.3, and this server answered like OVMS 2026.3 or later (412 "The file is not valid json - model field is missing in JSON body"); use the KServe API: infer (POST /v2/models/{m}[/versions/{v}]/infer) instead',
    );
    expect(receivedSince(server, mark).map((r) => `${r.method} ${r.url}`)).toEqual(['POST /v1/models/dummy:predict']);
  });

  it('column format too', async () => {
    expect((await rejectionOf(tfsPredict(config, { model: 'dummy', inputs: { b: [[1]] } }))).reason._tag).toBe('Unsupported');
  });

  it('with an API key on the server: Unsupported from the 500 Unauthorized, or from the 412 when the key is sent', async () => {
    const noKey = await rejectionOf(tfsPredict(createConfig({ baseUrl: keyed.url, retry: FAST_RETRY }), { model: 'dummy', instances: [[1]] }));
    expect(noKey.reason._tag).toBe('Unsupported');
    expect(noKey.message).toContain('500 "Unauthorized request due to invalid or missing api-key"');
    const withKey = await rejectionOf(tfsPredict(createConfig({ baseUrl: keyed.url, apiKey: 'secret', retry: FAST_RETRY }), { model: 'dummy', instances: [[1]] }));
    expect(withKey.reason._tag).toBe('Unsupported');
    expect(withKey.message).toContain('412 "The file is not valid json - model field is missing in JSON body"');
  });
});

describe('tfsGetModelStatus and tfsGetModelMetadata on OVMS 2026.3', () => {
  it('status: the OpenAI model object (200) or 500 Model not found become Unsupported', async () => {
    const known = await rejectionOf(tfsGetModelStatus(config, { model: 'dummy' }));
    expect(known.reason._tag).toBe('Unsupported');
    expect(known.message).toMatch(/200 with an OpenAI model object .*use getModelReady/);
    const versioned = await rejectionOf(tfsGetModelStatus(config, { model: 'versioned', version: 2 }));
    expect(versioned.message).toContain('(500 "Model not found")');
  });

  it('metadata: 500 Model not found (F94) becomes Unsupported', async () => {
    const mark = server.requestCount;
    const error = await rejectionOf(tfsGetModelMetadata(config, { model: 'dummy' }));
    expect(error.reason._tag).toBe('Unsupported');
    expect(error.message).toContain('(500 "Model not found"); use getModelMetadataWithShapes');
    expect(receivedSince(server, mark).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/models/dummy/metadata']);
  });
});
