/**
 * What the client SENDS to OVMS: JSON or binary infer bodies (header length, binary_data_size,
 * little-endian bytes, FP16 bits), request ids, binary output selection, version routing, auth,
 * and inputs rejected before anything is sent (rest-api.md §4.3, §4.5, §4.6).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  batchInfer,
  createConfig,
  getModelMetadataWithShapes,
  getModelReady,
  infer,
  type ClientConfigInput,
  type InferInputs,
  type TransportChoice,
} from '../../src/ovms.js';
import { BASE, body, errorText, fx, OVMS_JSON, range, record, useNock, type Seen } from '../helpers/kserveNock.js';
import { FAST_RETRY, rejectionOf } from '../helpers/ovmsClient.js';

// ---------------------------------------------------------------------------------------------
// Local helpers (the shared fixture and nock helpers are in tests/helpers/kserveNock.ts).

/** A binary-extension request split at `Inference-Header-Content-Length`. */
function splitBinary(s: Seen): { header: unknown; headerLength: number; tailHex: string } {
  const headerLength = Number(s.headers['inference-header-content-length']);
  if (!Number.isSafeInteger(headerLength)) throw new Error('no inference-header-content-length header was sent');
  return { header: JSON.parse(s.bytes.subarray(0, headerLength).toString('utf8')), headerLength, tailHex: s.bytes.subarray(headerLength).toString('hex') };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A JSON answer OVMS could give to any of these requests (its content does not matter here). */
const ANY_ANSWER = '{\n    "model_name": "dummy",\n    "model_version": "1",\n    "outputs": []\n}';

function metadata(name: string, inputs: readonly [string, string, number[]][], outputs: readonly [string, string, number[]][]): string {
  const t = ([n, datatype, shape]: [string, string, number[]]) => ({ name: n, datatype, shape });
  return JSON.stringify({ name, versions: ['1'], platform: 'OpenVINO', inputs: inputs.map(t), outputs: outputs.map(t) });
}

useNock();

const config = (extra: ClientConfigInput = {}) => createConfig({ baseUrl: BASE, retry: FAST_RETRY, ...extra });

// ---------------------------------------------------------------------------------------------

describe.each<TransportChoice>(['ky', 'fetch'])('infer request bodies over transport %s', (transport) => {
  const cfg = (extra: ClientConfigInput = {}) => config({ transport, ...extra });

  it('a Float32Array travels binary: header length, binary_data_size 40, exact little-endian bytes', async () => {
    const scope = nock(BASE).get('/v2/models/dummy').reply(200, body(fx('F35')), OVMS_JSON).post('/v2/models/dummy/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(cfg(), { model: 'dummy', inputs: { b: new Float32Array(range(1, 11)) } }, { requestId: 'bin-1' });
    expect(scope.isDone()).toBe(true);
    const sent = seen[1] as Seen;
    const { header, headerLength, tailHex } = splitBinary(sent);
    expect(header).toEqual({
      id: 'bin-1',
      inputs: [{ name: 'b', shape: [1, 10], datatype: 'FP32', parameters: { binary_data_size: 40 } }],
      outputs: [{ name: 'a', parameters: { binary_data: true } }],
    });
    // The header length is the byte length of the JSON text, and the body is exactly header + tensor.
    expect(headerLength).toBe(Buffer.byteLength(JSON.stringify(header)));
    expect(sent.bytes.byteLength).toBe(headerLength + 40);
    // 1.0 … 10.0 as little-endian float32: the same bytes OVMS sends back in F46.
    expect(tailHex).toBe(fx('F46').response_binary_tail_hex);
    expect(sent.headers['content-type']).toBe('application/octet-stream');
  });

  it('a plain array travels as JSON, without Inference-Header-Content-Length', async () => {
    const scope = nock(BASE).get('/v2/models/dummy').reply(200, body(fx('F35')), OVMS_JSON).post('/v2/models/dummy/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(cfg(), { model: 'dummy', inputs: { b: range(0, 10) } }, { requestId: 'json-1', binaryOutput: false });
    const sent = seen[1] as Seen;
    expect(sent.headers['inference-header-content-length']).toBeUndefined();
    expect(sent.headers['content-type']).toBe('application/json');
    // The F43 request, with our id.
    expect(JSON.parse(sent.bytes.toString('utf8'))).toEqual({ ...(JSON.parse(fx('F43').request_body as string) as object), id: 'json-1' });
  });

  it('INT32 and INT8 typed arrays: the binary tails of F56 and F58, in input order', async () => {
    const meta = metadata('two', [['i32', 'INT32', [1, 4]], ['i8', 'INT8', [1, 4]]], [['o', 'FP32', [1, 4]]]);
    const scope = nock(BASE).get('/v2/models/two').reply(200, meta, OVMS_JSON).post('/v2/models/two/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(cfg(), { model: 'two', inputs: { i32: new Int32Array([0, 1, 2, 3]), i8: new Int8Array([0, 1, 2, 3]) } }, { requestId: 'r' });
    const { header, tailHex } = splitBinary(seen[1] as Seen);
    expect(header).toEqual({
      id: 'r',
      inputs: [
        { name: 'i32', shape: [1, 4], datatype: 'INT32', parameters: { binary_data_size: 16 } },
        { name: 'i8', shape: [1, 4], datatype: 'INT8', parameters: { binary_data_size: 4 } },
      ],
      outputs: [{ name: 'o', parameters: { binary_data: true } }],
    });
    expect(tailHex).toBe(`${fx('F56').request_binary_tail_hex}${fx('F58').request_binary_tail_hex}`);
  });

  it('FP16 in the metadata: a Float32Array goes out as half-float bits', async () => {
    const meta = metadata('half', [['x', 'FP16', [1, 5]]], [['y', 'FP16', [1, 5]]]);
    const scope = nock(BASE).get('/v2/models/half').reply(200, meta, OVMS_JSON).post('/v2/models/half/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(cfg(), { model: 'half', inputs: { x: new Float32Array([1, -2, 0.5, 65504, 0.1]) } }, { requestId: 'h' });
    const { header, tailHex } = splitBinary(seen[1] as Seen);
    expect(header).toEqual({
      id: 'h',
      inputs: [{ name: 'x', shape: [1, 5], datatype: 'FP16', parameters: { binary_data_size: 10 } }],
      outputs: [{ name: 'y', parameters: { binary_data: true } }],
    });
    // 0x3c00 (1), 0xc000 (-2), 0x3800 (0.5), 0x7bff (65504), 0x2e66 (0.1), little-endian.
    expect(tailHex).toBe('003c' + '00c0' + '0038' + 'ff7b' + '662e');
  });
});

describe('binary or JSON', () => {
  it('FP16 from a plain number array is binary even in auto mode (OVMS rejects FP16 in JSON)', async () => {
    const meta = metadata('half', [['x', 'FP16', [2]]], [['y', 'FP32', [2]]]);
    const scope = nock(BASE).get('/v2/models/half').reply(200, meta, OVMS_JSON).post('/v2/models/half/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(config(), { model: 'half', inputs: { x: [1, -2] } }, { requestId: 'h' });
    expect(splitBinary(seen[1] as Seen).tailHex).toBe('003c00c0');
  });

  it('FP16 with binary "never" is rejected before sending', async () => {
    const meta = metadata('half', [['x', 'FP16', [2]]], [['y', 'FP32', [2]]]);
    const scope = nock(BASE).get('/v2/models/half').reply(200, meta, OVMS_JSON).post('/v2/models/half/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const error = await rejectionOf(infer(config(), { model: 'half', inputs: { x: [1, -2] } }, { binary: 'never' }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'inputs.x' });
    expect(scope.pendingMocks()).toEqual([`POST ${BASE}:80/v2/models/half/infer`]);
  });

  it('binary "always" sends a plain array as binary; "never" sends a Float32Array as JSON', async () => {
    const scope = nock(BASE).get('/v2/models/dummy').reply(200, body(fx('F35')), OVMS_JSON).post('/v2/models/dummy/infer').times(2).reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    const cfg = config();
    await infer(cfg, { model: 'dummy', inputs: { b: range(1, 11) } }, { binary: 'always' });
    await infer(cfg, { model: 'dummy', inputs: { b: new Float32Array(range(0, 10)) } }, { binary: 'never', requestId: '1', binaryOutput: false });
    expect(splitBinary(seen[1] as Seen).tailHex).toBe(fx('F46').response_binary_tail_hex);
    expect(JSON.parse((seen[2] as Seen).bytes.toString('utf8'))).toEqual(JSON.parse(fx('F43').request_body as string));
  });

  it('more than 256 plain numbers go binary in auto mode', async () => {
    const scope = nock(BASE).post('/v2/models/big/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(config({ validate: false }), { model: 'big', inputs: { x: range(0, 300) } }, { requestId: 'big' });
    const { header } = splitBinary(seen[0] as Seen);
    expect(header).toEqual({ id: 'big', inputs: [{ name: 'x', shape: [300], datatype: 'FP32', parameters: { binary_data_size: 1200 } }] });
  });

  it('precision FP16 (config) converts floats whose datatype is not fixed; metadata FP32 wins over it', async () => {
    const scope = nock(BASE)
      .post('/v2/models/free/infer')
      .reply(200, ANY_ANSWER, OVMS_JSON)
      .get('/v2/models/dummy')
      .reply(200, body(fx('F35')), OVMS_JSON)
      .post('/v2/models/dummy/infer')
      .reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(config({ validate: false, precision: 'FP16' }), { model: 'free', inputs: { x: new Float32Array([1, 0.5]) } }, { requestId: 'p' });
    await infer(config({ precision: 'FP16' }), { model: 'dummy', inputs: { b: new Float32Array(range(1, 11)) } }, { requestId: 'q' });
    const free = splitBinary(seen[0] as Seen);
    expect(free.header).toEqual({ id: 'p', inputs: [{ name: 'x', shape: [2], datatype: 'FP16', parameters: { binary_data_size: 4 } }] });
    expect(free.tailHex).toBe('003c0038');
    const fixed = splitBinary(seen[2] as Seen);
    expect(fixed.header).toMatchObject({ inputs: [{ name: 'b', datatype: 'FP32', parameters: { binary_data_size: 40 } }] });
  });
});

describe('request id', () => {
  it('a generated id is a UUID, sent both as X-Request-ID and as the body id', async () => {
    const scope = nock(BASE).get('/v2/models/dummy').reply(200, body(fx('F35')), OVMS_JSON).post('/v2/models/dummy/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(config(), { model: 'dummy', inputs: { b: range(0, 10) } });
    const sent = seen[1] as Seen;
    const id = (JSON.parse(sent.bytes.toString('utf8')) as { id: string }).id;
    expect(id).toMatch(UUID);
    expect(sent.headers['x-request-id']).toBe(id);
    // The metadata request has its own id.
    expect((seen[0] as Seen).headers['x-request-id']).toMatch(UUID);
    expect((seen[0] as Seen).headers['x-request-id']).not.toBe(id);
  });

  it('a caller id goes in both places, in binary requests too', async () => {
    const scope = nock(BASE).post('/v2/models/dummy/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(config({ validate: false }), { model: 'dummy', inputs: { b: new Float32Array(10) } }, { requestId: 'trace-77' });
    const sent = seen[0] as Seen;
    expect(sent.headers['x-request-id']).toBe('trace-77');
    expect(splitBinary(sent).header).toMatchObject({ id: 'trace-77' });
  });
});

describe('binary output selection', () => {
  const meta = metadata('multi', [['x', 'FP32', [1, 2]]], [['small', 'FP32', [1, 2]], ['big', 'FP32', [1, 100]], ['dyn', 'INT64', [-1]]]);

  it.each([
    [undefined, 'dyn'],
    [true, 'dyn'],
    ['small', 'small'],
  ] as const)('binaryOutput %s → outputs [{ name: %s, parameters: { binary_data: true } }]', async (choice, expected) => {
    const scope = nock(BASE).get('/v2/models/multi').reply(200, meta, OVMS_JSON).post('/v2/models/multi/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(config(), { model: 'multi', inputs: { x: [1, 2] } }, choice === undefined ? {} : { binaryOutput: choice });
    expect((JSON.parse((seen[1] as Seen).bytes.toString('utf8')) as { outputs: unknown }).outputs).toEqual([{ name: expected, parameters: { binary_data: true } }]);
  });

  it('an FP16 output is chosen over a larger FP32 one (OVMS cannot write FP16 as JSON)', async () => {
    const half = metadata('h', [['x', 'FP32', [1, 2]]], [['big', 'FP32', [1, 100]], ['half', 'FP16', [1, 2]]]);
    const scope = nock(BASE).get('/v2/models/h').reply(200, half, OVMS_JSON).post('/v2/models/h/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const seen = record(scope);
    await infer(config(), { model: 'h', inputs: { x: [1, 2] } });
    expect((JSON.parse((seen[1] as Seen).bytes.toString('utf8')) as { outputs: unknown }).outputs).toEqual([{ name: 'half', parameters: { binary_data: true } }]);
  });

  it('an unknown output name is rejected before sending', async () => {
    const scope = nock(BASE).get('/v2/models/multi').reply(200, meta, OVMS_JSON).post('/v2/models/multi/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const error = await rejectionOf(infer(config(), { model: 'multi', inputs: { x: [1, 2] } }, { binaryOutput: 'nope' }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'binaryOutput' });
    expect(error.message).toBe('binaryOutput: model "multi" has no output "nope" (outputs: small, big, dyn)');
    expect(scope.pendingMocks()).toEqual([`POST ${BASE}:80/v2/models/multi/infer`]);
  });
});

describe('version routing', () => {
  it.each([
    [3, '/v2/models/dummy/versions/3/ready'],
    ['3', '/v2/models/dummy/versions/3/ready'],
    ['007', '/v2/models/dummy/versions/7/ready'],
    ['latest', '/v2/models/dummy/ready'],
    [0, '/v2/models/dummy/ready'],
    [undefined, '/v2/models/dummy/ready'],
  ] as const)('version %s → %s', async (version, path) => {
    const scope = nock(BASE).get(path).reply(200, '', OVMS_JSON);
    await expect(getModelReady(config(), { model: 'dummy', ...(version === undefined ? {} : { version }) })).resolves.toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it('a config version applies to the config model only', async () => {
    const scope = nock(BASE)
      .get('/v2/models/dummy/versions/2/ready')
      .reply(200, '', OVMS_JSON)
      .get('/v2/models/other/ready')
      .reply(200, '', OVMS_JSON)
      .get('/v2/models/dummy/versions/5/ready')
      .reply(200, '', OVMS_JSON);
    const cfg = config({ model: 'dummy', version: 2 });
    await getModelReady(cfg);
    await getModelReady(cfg, { model: 'other' });
    await getModelReady(cfg, { version: 5 });
    expect(scope.isDone()).toBe(true);
  });

  it('infer with a config version asks metadata and infer of that version, and reports it', async () => {
    const scope = nock(BASE)
      .get('/v2/models/dummy/versions/2')
      .reply(200, body(fx('F35')), OVMS_JSON)
      .post('/v2/models/dummy/versions/2/infer')
      .reply(400, body(fx('F61')), OVMS_JSON);
    const error = await rejectionOf(infer(config({ model: 'dummy', version: '2' }), { inputs: { b: range(0, 10) } }, { requestId: 'v2' }));
    expect(scope.isDone()).toBe(true);
    expect(error.request).toEqual({ operation: 'infer', method: 'POST', url: `${BASE}/v2/models/dummy/versions/2/infer`, model: 'dummy', version: '2', requestId: 'v2', attempt: 1 });
  });

  // BUG: an explicit 'latest' (or 0) on a call is documented as "the server's default" (ModelTarget,
  // normalizeVersion), but for the config's default model withVersionRouting puts the config's
  // version back: the op resolves 'latest' to undefined, and the middleware reads undefined as
  // "not given" (src/middleware/withVersionRouting.ts:15 → src/core/resolveTarget.ts:23).
  it.each([['latest'], [0]] as const)('an explicit version %s overrides a config version (server default)', async (version) => {
    const scope = nock(BASE).get('/v2/models/dummy/ready').reply(200, '', OVMS_JSON).get('/v2/models/dummy/versions/2/ready').reply(200, '', OVMS_JSON);
    await getModelReady(config({ model: 'dummy', version: 2 }), { version });
    expect(scope.pendingMocks()).toEqual([`GET ${BASE}:80/v2/models/dummy/versions/2/ready`]);
  });

  it('a version that is not digits or "latest" is rejected before sending', async () => {
    const scope = nock(BASE).get(/.*/).reply(200, '', OVMS_JSON);
    const error = await rejectionOf(getModelMetadataWithShapes(config(), { model: 'dummy', version: '1/../2' }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'version' });
    expect(scope.isDone()).toBe(false);
  });
});

describe('Authorization', () => {
  it('sends Bearer <apiKey> when configured, on metadata and infer alike', async () => {
    const scope = nock(BASE)
      .matchHeader('authorization', 'Bearer sekret-key-123')
      .get('/v2/models/dummy')
      .reply(200, body(fx('F35')), OVMS_JSON)
      .post('/v2/models/dummy/infer')
      .reply(200, ANY_ANSWER, OVMS_JSON);
    await infer(config({ apiKey: 'sekret-key-123' }), { model: 'dummy', inputs: { b: range(0, 10) } });
    expect(scope.isDone()).toBe(true);
  });

  it('sends no Authorization header without an apiKey, but the config headers', async () => {
    const scope = nock(BASE).get('/v2/models/dummy/ready').reply(200, '', OVMS_JSON);
    const seen = record(scope);
    await getModelReady(config({ headers: { 'X-Tenant': 't1' } }), { model: 'dummy' });
    expect(seen).toHaveLength(1);
    expect((seen[0] as Seen).headers['authorization']).toBeUndefined();
    expect((seen[0] as Seen).headers['x-tenant']).toBe('t1');
  });
});

describe('invalid inputs are rejected with InvalidInput and nothing is sent', () => {
  const cases: readonly [string, InferInputs, string, string][] = [
    ['wrong input name (F64)', { x: range(0, 10) }, 'inputs', `inputs: ${errorText(fx('F64'))}`],
    ['wrong input count', { b: range(0, 10), c: range(0, 10) }, 'inputs', 'inputs: Invalid number of inputs - Expected: 1; Actual: 2 (model "dummy" takes b)'],
    ['wrong rank', [{ name: 'b', data: range(0, 10), shape: [10] }], 'inputs.b', 'inputs.b: Invalid number of shape dimensions - Expected: (1,10); Actual: (10); input name: b'],
    ['wrong batch (F61)', { b: [range(0, 10), range(0, 10)] }, 'inputs.b', `inputs.b: ${errorText(fx('F61'))}`],
    ['wrong dimension', [{ name: 'b', data: range(0, 11), shape: [1, 11] }], 'inputs.b', 'inputs.b: Invalid input shape - Expected: (1,10); Actual: (1,11); input name: b'],
    ['wrong datatype (F62)', [{ name: 'b', data: range(0, 10), datatype: 'INT32' }], 'inputs.b', `inputs.b: ${errorText(fx('F62'))}`],
    ['wrong value count (F65)', [{ name: 'b', data: range(0, 9), shape: [1, 10] }], 'inputs.b', `inputs.b: ${errorText(fx('F65'))}`],
  ];

  it.each(cases)('%s', async (_what, inputs, field, message) => {
    const scope = nock(BASE).get('/v2/models/dummy').reply(200, body(fx('F35')), OVMS_JSON).post('/v2/models/dummy/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const error = await rejectionOf(infer(config(), { model: 'dummy', inputs }));
    expect({ reason: error.reason, message: error.message, status: error.status }).toEqual({ reason: { _tag: 'InvalidInput', field }, message, status: undefined });
    // The metadata was asked for; the infer mock is still waiting.
    expect(scope.pendingMocks()).toEqual([`POST ${BASE}:80/v2/models/dummy/infer`]);
  });

  it('batchInfer names the invalid item and sends no inference', async () => {
    const scope = nock(BASE).get('/v2/models/dummy').reply(200, body(fx('F35')), OVMS_JSON).post('/v2/models/dummy/infer').reply(200, ANY_ANSWER, OVMS_JSON);
    const error = await rejectionOf(batchInfer(config(), { model: 'dummy', items: [{ b: range(0, 10) }, { b: range(0, 9) }] }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'inputs.b' });
    expect(error.message).toBe('batchInfer item 1: inputs.b: Invalid input shape - Expected: (1,10); Actual: (1,9); input name: b');
    expect(scope.pendingMocks()).toEqual([`POST ${BASE}:80/v2/models/dummy/infer`]);
  });
});
