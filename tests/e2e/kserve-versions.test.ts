/**
 * End-to-end: model versions. `versioned` answers y = x + version for versions 1, 2 and 3.
 */
import { describe, expect, it } from 'vitest';
import { createConfig, getModelMetadataWithShapes, getModelReady, infer, type ClientConfig } from '../../src/ovms.js';
import type { TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, faultHeaders, inferRequestsSince, rejectionOf, routesSince, useFileServer } from './e2eHelpers.js';

let server: TestServer;
let config: ClientConfig;

useFileServer((s, c) => {
  server = s;
  config = c;
});

const x = [[10, 20, 30]];

describe('versioned: y = x + version', () => {
  it.each([
    [1, '1', [11, 21, 31], '/v2/models/versioned/versions/1/infer'],
    [2, '2', [12, 22, 32], '/v2/models/versioned/versions/2/infer'],
    [3, '3', [13, 23, 33], '/v2/models/versioned/versions/3/infer'],
    ['2', '2', [12, 22, 32], '/v2/models/versioned/versions/2/infer'],
    ['latest', '3', [13, 23, 33], '/v2/models/versioned/infer'],
    [undefined, '3', [13, 23, 33], '/v2/models/versioned/infer'],
  ] as const)('version %s → answered by version %s', async (version, answered, y, path) => {
    const mark = server.requestCount;
    const result = await infer(config, { model: 'versioned', ...(version === undefined ? {} : { version }), inputs: { x } });
    expect(result.modelVersion).toBe(answered);
    expect(result.outputs).toStrictEqual([{ name: 'y', datatype: 'FP32', shape: [1, 3], data: new Float32Array(y) }]);
    expect(inferRequestsSince(server, mark).map((r) => r.url)).toEqual([path]);
  });

  it('metadata of each version names only that version (rest-api.md §4.2), latest = 3', async () => {
    for (const [v, served] of [[1, '1'], [2, '2'], [3, '3'], ['latest', '3']] as const) {
      const meta = await getModelMetadataWithShapes(config, { model: 'versioned', version: v });
      expect(meta.name).toBe('versioned');
      expect(meta.versions).toEqual([served]);
      expect(meta.inputs).toEqual([{ name: 'x', datatype: 'FP32', shape: [-1, -1] }]);
    }
  });
});

describe("a config's default version", () => {
  const pinned = (): ClientConfig => createConfig({ baseUrl: server.url, retry: FAST_RETRY, model: 'versioned', version: 1 });

  it('applies to the config default model when the call names no model', async () => {
    const result = await infer(pinned(), { inputs: { x } });
    expect([result.modelName, result.modelVersion]).toEqual(['versioned', '1']);
    expect(result.outputs[0]?.data).toStrictEqual(new Float32Array([11, 21, 31]));
  });

  it('applies when the call names the default model explicitly', async () => {
    const result = await infer(pinned(), { model: 'versioned', inputs: { x } });
    expect(result.modelVersion).toBe('1');
  });

  it('does not apply to another model: bert answers with its latest version (3)', async () => {
    const c = pinned();
    const mark = server.requestCount;
    const result = await infer(c, { model: 'bert', inputs: { data: [1, 2], mask: [1, 1] } });
    expect([result.modelName, result.modelVersion]).toEqual(['bert', '3']);
    expect(routesSince(server, mark)).toEqual(['GET /v2/models/bert', 'POST /v2/models/bert/infer']);
  });

  it("a call's version wins, also an explicit 'latest'", async () => {
    const c = pinned();
    expect((await infer(c, { version: 2, inputs: { x } })).modelVersion).toBe('2');
    const mark = server.requestCount;
    expect((await infer(c, { version: 'latest', inputs: { x } })).modelVersion).toBe('3');
    expect(inferRequestsSince(server, mark).map((r) => r.url)).toEqual(['/v2/models/versioned/infer']);
  });

  it('getModelReady follows the same rule', async () => {
    const c = pinned();
    const mark = server.requestCount;
    expect(await getModelReady(c)).toBe(true);
    expect(await getModelReady(c, { model: 'bert' })).toBe(true);
    expect(routesSince(server, mark)).toEqual(['GET /v2/models/versioned/versions/1/ready', 'GET /v2/models/bert/ready']);
  });
});

describe('an unknown version', () => {
  it('infer → Status 404 "Model with requested version is not found" (from the metadata request)', async () => {
    const error = await rejectionOf(infer(config, { model: 'versioned', version: 7, inputs: { x } }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 404, serverMessage: 'Model with requested version is not found' });
    expect(error.status).toBe(404);
    expect(error.request?.url).toBe(`${server.url}/v2/models/versioned/versions/7`);
  });

  it('infer with validate: false → the infer request itself answers 404, not retried', async () => {
    const mark = server.requestCount;
    const error = await rejectionOf(infer(config, { model: 'versioned', version: 7, inputs: { x } }, { validate: false }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 404, serverMessage: 'Model with requested version is not found' });
    expect(error.message).toBe('OVMS answered 404 to infer (model "versioned", version 7): Model with requested version is not found');
    expect(routesSince(server, mark)).toEqual(['POST /v2/models/versioned/versions/7/infer']);
  });

  it('getModelReady throws 404 instead of answering false (a typo is not a loading model)', async () => {
    const error = await rejectionOf(getModelReady(config, { model: 'versioned', version: 7 }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 404, serverMessage: 'Model with requested version is not found' });
  });

  it('an unknown model → 404 "Model with requested name is not found"', async () => {
    const error = await rejectionOf(getModelReady(config, { model: 'nope' }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 404, serverMessage: 'Model with requested name is not found' });
  });
});

describe('a version that is not ready', () => {
  it('faults.notReady: getModelReady is false while it lasts, infer gets 404 "not loaded yet", then all is well again', async () => {
    const c = createConfig({ baseUrl: server.url, retry: false });
    expect(await getModelReady(c, { model: 'versioned', version: 2 })).toBe(true);
    server.faults.notReady('versioned', 300);
    expect(await getModelReady(c, { model: 'versioned', version: 2 })).toBe(false);
    expect(await getModelReady(c, { model: 'versioned' })).toBe(false);
    const error = await rejectionOf(infer(c, { model: 'versioned', version: 2, inputs: { x } }, { validate: false }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 404, serverMessage: 'Model with requested version is not loaded yet' });
    // Other models are unaffected.
    expect(await getModelReady(c, { model: 'bert', version: 2 })).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await getModelReady(c, { model: 'versioned', version: 2 })).toBe(true);
    expect((await infer(c, { model: 'versioned', version: 2, inputs: { x } })).outputs[0]?.data).toStrictEqual(new Float32Array([12, 22, 32]));
  });

  it('the notReadyMs fault header: the very request that carries it already sees the model not ready', async () => {
    const first = await getModelReady(config, { model: 'string', version: 3 }, { headers: faultHeaders({ notReadyMs: 300 }) });
    expect(first).toBe(false);
    expect(await getModelReady(config, { model: 'string', version: 1 })).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect(await getModelReady(config, { model: 'string', version: 3 })).toBe(true);
  });
});
