/**
 * The TFS operations against a scripted transport with real OVMS bodies: what each sends, what it
 * returns, and how the answers of a server without the TFS API (>= 2026.3) are recognised.
 */
import { describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import type { OvmsError } from '../../../src/errors/OvmsError.js';
import { isOvmsError } from '../../../src/errors/OvmsError.js';
import { tfsGetModelMetadata } from '../../../src/ops/tfsGetModelMetadata.js';
import { tfsGetModelStatus } from '../../../src/ops/tfsGetModelStatus.js';
import { tfsPredict } from '../../../src/ops/tfsPredict.js';
import { scriptedTransport, type Step } from '../../helpers/scriptedTransport.js';
import { fixture } from './tfsFixtures.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function setup(steps: readonly Step[], model?: string) {
  const transport = scriptedTransport(steps);
  const config = createConfig({ baseUrl: 'http://ovms:8000', transport, retry: false, ...(model === undefined ? {} : { model }) });
  return { transport, config };
}

function answer(id: string): Step {
  const f = fixture(id);
  return { status: f.status, body: f.response_body ?? '', headers: JSON_HEADERS };
}

async function rejection(promise: Promise<unknown>): Promise<OvmsError> {
  try {
    await promise;
  } catch (error) {
    if (isOvmsError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('tfsGetModelStatus (F01, F02, F20)', () => {
  it('returns the model_version_status list of F01 from GET /v1/models/{m}/versions/{v}', async () => {
    const { config, transport } = setup([answer('F01')]);
    expect(await tfsGetModelStatus(config, { model: 'resnet', version: 1 })).toEqual([{ version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: 'OK' } }]);
    expect(transport.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET http://ovms:8000/v1/models/resnet/versions/1']);
  });

  it('reads the START state of F02, and asks without a version for the config model', async () => {
    const { config, transport } = setup([answer('F02')], 'dummy');
    expect(await tfsGetModelStatus(config)).toEqual([{ version: '2', state: 'START', status: { error_code: 'OK', error_message: 'OK' } }]);
    expect(transport.calls[0]?.url).toBe('http://ovms:8000/v1/models/dummy');
  });

  it('keeps OVMS 404 answers as Status errors (F20)', async () => {
    const { config } = setup([answer('F20')]);
    const error = await rejection(tfsGetModelStatus(config, { model: 'specific', version: '2' }));
    expect([error.reason._tag, error.status, error.serverMessage]).toEqual(['Status', 404, 'Model with requested version is not found']);
  });

  it('reports the OpenAI model object that OVMS >= 2026.3 answers with 200 as Unsupported', async () => {
    const { config } = setup([{ status: 200, body: '{"id":"resnet","object":"model","created":1795822574,"owned_by":"OVMS"}', headers: JSON_HEADERS }]);
    const error = await rejection(tfsGetModelStatus(config, { model: 'resnet' }));
    expect(error.reason).toEqual({ _tag: 'Unsupported' });
    expect(error.message).toMatch(/^tfsGetModelStatus \(model "resnet"\): the TensorFlow-Serving API was removed in OVMS 2026\.3, .*200 with an OpenAI model object.*use getModelReady/);
  });

  it('reports 500 Model not found (>= 2026.3, unknown id) as Unsupported', async () => {
    const { config } = setup([{ status: 500, body: '{"error":"Model not found"}', headers: JSON_HEADERS }]);
    const error = await rejection(tfsGetModelStatus(config, { model: 'nope' }));
    expect(error.reason._tag).toBe('Unsupported');
    expect(isOvmsError(error.cause) && error.cause.status).toBe(500);
  });

  it('refuses a name with a slash before sending anything', async () => {
    const { config, transport } = setup([200]);
    const error = await rejection(tfsGetModelStatus(config, { model: 'BAAI/bge-reranker-large' }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'model' });
    expect(transport.calls).toEqual([]);
  });
});

describe('tfsGetModelMetadata (F04, F94)', () => {
  it('GETs …/versions/{v}/metadata and returns the parsed signature', async () => {
    const { config, transport } = setup([answer('F04')]);
    const meta = await tfsGetModelMetadata(config, { model: 'resnet', version: '23' });
    expect(meta.inputs).toEqual([{ name: 'Input_Scalar', tensorName: 'Input_Scalar', dtype: 'DT_FLOAT', shape: [], unknownRank: false }]);
    expect(transport.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET http://ovms:8000/v1/models/resnet/versions/23/metadata']);
  });

  it('reports F94 (500 Model not found on >= 2026.3) as Unsupported pointing to getModelMetadataWithShapes', async () => {
    const { config } = setup([answer('F94')]);
    const error = await rejection(tfsGetModelMetadata(config, { model: 'resnet' }));
    expect(error.reason).toEqual({ _tag: 'Unsupported' });
    expect(error.message).toBe(
      'tfsGetModelMetadata (model "resnet"): the TensorFlow-Serving API was removed in OVMS 2026.3, and this server answered like OVMS 2026.3 or later (500 "Model not found"); use getModelMetadataWithShapes (GET /v2/models/{m}[/versions/{v}]) instead',
    );
    expect(error.request).toEqual({ operation: 'tfsGetModelMetadata', model: 'resnet' });
  });
});

describe('tfsPredict', () => {
  it('POSTs a row request and returns the predictions of F08', async () => {
    const { config, transport } = setup([answer('F08')]);
    const result = await tfsPredict(config, { model: 'm', version: 2, instances: [{ x: [1, 2] }, { x: [3, 4] }] });
    expect(result).toEqual({
      predictions: [
        { output1: [[5, 10, -3, 2.5]], output2: [5, 2, 3, 8, -2] },
        { output1: [[9, 55.5, -0.5, -1.5]], output2: [-100, 0, 125, 4, -1] },
      ],
    });
    const call = transport.calls[0];
    expect([call?.method, call?.url, call?.body]).toEqual(['POST', 'http://ovms:8000/v1/models/m/versions/2:predict', '{"instances":[{"x":[1,2]},{"x":[3,4]}]}']);
    expect(call?.headers['Content-Type']).toBe('application/json');
  });

  it('POSTs a column request and returns the bare scalar of F14', async () => {
    const { config } = setup([answer('F14')], 'scalar');
    expect(await tfsPredict(config, { inputs: 1 })).toEqual({ outputs: 5.1 });
  });

  it.each([
    ['F91: 412 model field is missing (JSON body)', answer('F91'), '412 "The file is not valid json - model field is missing in JSON body"'],
    ['F92: 404 Mediapipe graph definition', answer('F92'), '404 "Mediapipe graph definition with requested name is not found"'],
    [
      '500 Unauthorized (API key on the server)',
      { status: 500, body: '{"error":"Unauthorized request due to invalid or missing api-key"}', headers: JSON_HEADERS },
      '500 "Unauthorized request due to invalid or missing api-key"',
    ],
  ] as const)('reports %s as Unsupported pointing to infer', async (_what, step, seen) => {
    const { config, transport } = setup([step]);
    const error = await rejection(tfsPredict(config, { model: 'resnet', instances: [[1.0, 2.0]] }));
    expect(error.reason).toEqual({ _tag: 'Unsupported' });
    expect(error.message).toBe(
      `tfsPredict (model "resnet"): the TensorFlow-Serving API was removed in OVMS 2026.3, and this server answered like OVMS 2026.3 or later (${seen}); use the KServe API: infer (POST /v2/models/{m}[/versions/{v}]/infer) instead`,
    );
    expect(isOvmsError(error.cause) && error.cause.reason._tag).toBe('Status');
    // Detected from the answer alone: one request, no probing of other URLs.
    expect(transport.calls.length).toBe(1);
  });

  it.each(['F16', 'F17', 'F19'])('keeps the TFS error %s of OVMS <= 2026.2 as a Status error with its text', async (id) => {
    const { config } = setup([answer(id)]);
    const error = await rejection(tfsPredict(config, { model: 'not_existing', instances: [[1.0]] }));
    const f = fixture(id);
    expect([error.reason._tag, error.status, error.serverMessage]).toEqual(['Status', f.status, (JSON.parse(f.response_body as string) as { error: string }).error]);
  });

  it('checks the body before sending anything', async () => {
    const { config, transport } = setup([200]);
    const error = await rejection(tfsPredict(config, { model: 'm', instances: [] }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'instances' });
    expect(transport.calls).toEqual([]);
  });

  it('retries like infer (idempotent) and resends the same body', async () => {
    const transport = scriptedTransport([503, answer('F10')]);
    const config = createConfig({ baseUrl: 'http://ovms:8000', transport, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    expect(await tfsPredict(config, { model: 'm', instances: [[1]] })).toEqual({ predictions: [[[5, 10, -3, 2.5]], [[9, 55.5, -0.5, -1.5]]] });
    expect(transport.calls.map((c) => c.body)).toEqual(['{"instances":[[1]]}', '{"instances":[[1]]}']);
  });

  it('does not retry the 500 of a server without TFS', async () => {
    const transport = scriptedTransport([{ status: 500, body: '{"error":"Unauthorized request due to invalid or missing api-key"}' }]);
    const config = createConfig({ baseUrl: 'http://ovms:8000', transport, retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    expect((await rejection(tfsPredict(config, { model: 'm', instances: [[1]] }))).reason._tag).toBe('Unsupported');
    expect(transport.calls.length).toBe(1);
  });
});
