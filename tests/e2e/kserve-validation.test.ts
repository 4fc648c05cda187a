/**
 * End-to-end: metadata validation. With validation on (the default), a bad request fails as
 * `InvalidInput` before anything is sent (once the metadata is cached); with `validate: false`
 * the same request reaches the server, which answers 400 with OVMS's text. Both texts carry the
 * same OVMS wording (rest-api.md §4.6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, infer, isOvmsError, type ClientConfig, type InferInputs, type InferRequest, type Middleware } from '../../src/ovms.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, RECEIVED_LIMIT, rejectionOf, routesSince } from './e2eHelpers.js';

let server: TestServer;
let config: ClientConfig;

beforeAll(async () => {
  server = await startTestServer({ host: '127.0.0.1', port: 0, receivedLimit: RECEIVED_LIMIT });
  config = createConfig({ baseUrl: server.url, retry: FAST_RETRY });
  // Warm the metadata cache of the models used below, so that a rejected call sends nothing at all.
  await infer(config, { model: 'dummy', inputs: { b: new Float32Array(10) } });
  await infer(config, { model: 'identity_int64', inputs: { input: [[1]] } });
  await infer(config, { model: 'bert', inputs: { data: [1], mask: [1] } });
});

afterAll(async () => {
  await server.close();
});

const TEN = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/**
 * Middleware that rewrites the shape of every input after the client's own checks: the client
 * never sends a value count that contradicts the shape, even with validation off, so this is the
 * way to let such a request reach the server through the client's own encoder and transport.
 */
const forceShape =
  (shape: readonly number[]): Middleware =>
  (next) =>
  (request) => {
    const payload = request.payload as { readonly inputs: readonly { readonly shape: readonly number[] }[] };
    return next({ ...request, payload: { ...payload, inputs: payload.inputs.map((i) => ({ ...i, shape })) } });
  };

interface Case {
  readonly title: string;
  readonly model: string;
  /** The request as the client validates it. */
  readonly inputs: InferInputs;
  /** The same request with explicit shapes/datatypes, as sent with validation off (no metadata to derive them from). */
  readonly raw: InferInputs;
  readonly field: string;
  /** OVMS's text, as the server answers it. */
  readonly server: string;
  /** The client's text after `field: `, when it adds to OVMS's text. */
  readonly client?: string;
  /** With validation off, rewrite the shape on the way out (see {@link forceShape}). */
  readonly forceShape?: readonly number[];
}

const CASES: readonly Case[] = [
  {
    title: 'wrong input name',
    model: 'dummy',
    inputs: { c: TEN },
    raw: [{ name: 'c', data: TEN, shape: [1, 10], datatype: 'FP32' }],
    field: 'inputs',
    server: 'Missing input with specific name - Required input: b',
  },
  {
    title: 'wrong number of inputs',
    model: 'dummy',
    inputs: { b: TEN, c: TEN },
    raw: [
      { name: 'b', data: TEN, shape: [1, 10], datatype: 'FP32' },
      { name: 'c', data: TEN, shape: [1, 10], datatype: 'FP32' },
    ],
    field: 'inputs',
    server: 'Invalid number of inputs - Expected: 1; Actual: 2',
    client: 'Invalid number of inputs - Expected: 1; Actual: 2 (model "dummy" takes b)',
  },
  {
    title: 'wrong rank',
    model: 'dummy',
    inputs: { b: [[TEN]] },
    raw: [{ name: 'b', data: [[TEN]], datatype: 'FP32' }],
    field: 'inputs.b',
    server: 'Invalid number of shape dimensions - Expected: (1,10); Actual: (1,1,10); input name: b',
  },
  {
    title: 'wrong batch dimension',
    model: 'dummy',
    inputs: { b: [TEN, TEN] },
    raw: [{ name: 'b', data: [TEN, TEN], datatype: 'FP32' }],
    field: 'inputs.b',
    server: 'Invalid input batch size - Expected: 1; Actual: 2; input name: b',
  },
  {
    title: 'wrong dimension',
    model: 'dummy',
    inputs: { b: [0, 1, 2, 3, 4] },
    raw: [{ name: 'b', data: [[0, 1, 2, 3, 4]], datatype: 'FP32' }],
    field: 'inputs.b',
    server: 'Invalid input shape - Expected: (1,10); Actual: (1,5); input name: b',
  },
  {
    title: 'wrong datatype',
    model: 'dummy',
    inputs: [{ name: 'b', data: TEN, datatype: 'INT32' }],
    raw: [{ name: 'b', data: TEN, shape: [1, 10], datatype: 'INT32' }],
    field: 'inputs.b',
    server: 'Invalid input precision - Expected: FP32; Actual: INT32; input name: b',
  },
  {
    title: 'wrong value count',
    model: 'dummy',
    inputs: [{ name: 'b', data: TEN.slice(1), shape: [1, 10] }],
    raw: [{ name: 'b', data: TEN.slice(1), shape: [1, 9], datatype: 'FP32' }],
    forceShape: [1, 10],
    field: 'inputs.b',
    server: 'Invalid number of values in tensor proto container - Expected: 10 values; Actual: 9 values; input name: b',
  },
];

/** Both sides of one bad request: the client's rejection (nothing sent) and the server's. */
async function bothSides(c: Pick<Case, 'model' | 'inputs' | 'raw' | 'forceShape'>): Promise<{ client: Awaited<ReturnType<typeof rejectionOf>>; server: Awaited<ReturnType<typeof rejectionOf>>; sent: string[] }> {
  const before = server.requestCount;
  const clientError = await rejectionOf(infer(config, { model: c.model, inputs: c.inputs }, { binary: 'never' }));
  expect(server.requestCount).toBe(before);
  const mark = server.requestCount;
  const loose = c.forceShape === undefined ? config : createConfig({ baseUrl: server.url, retry: FAST_RETRY, middleware: [forceShape(c.forceShape)] });
  const serverError = await rejectionOf(infer(loose, { model: c.model, inputs: c.raw }, { binary: 'never', validate: false }));
  return { client: clientError, server: serverError, sent: routesSince(server, mark) };
}

describe.each(CASES.map((c) => [c.title, c] as const))('%s', (_title, c) => {
  it('fails as InvalidInput before sending, and as Status 400 from the server with validate: false, in the same words', async () => {
    const sides = await bothSides(c);
    expect(sides.client.reason).toEqual({ _tag: 'InvalidInput', field: c.field });
    expect(sides.client.message).toBe(`${c.field}: ${c.client ?? c.server}`);
    expect(sides.client.status).toBeUndefined();

    expect(sides.server.reason).toEqual({ _tag: 'Status', status: 400, serverMessage: c.server });
    expect(sides.server.status).toBe(400);
    expect(sides.server.message).toBe(`OVMS answered 400 to infer (model "${c.model}"): ${c.server}`);
    // One request, not retried (400 is permanent), and no metadata request with validation off.
    expect(sides.sent).toEqual([`POST /v2/models/${c.model}/infer`]);

    // The OVMS text of the server is the client's text (the client may add a hint after it).
    expect(sides.client.message.startsWith(`${c.field}: ${c.server}`)).toBe(true);
  });
});

describe('the same OVMS wording for a non-float datatype', () => {
  // Reported bug: prepareInputs.ts prints the model's KServe datatype ("INT64") where OVMS prints its
  // precision name ("I64"), as the server and rest-api.md §4.6 line 290 do ("Expected uses OVMS precision names").
  it('precision error of an INT64 model: client text equals server text', async () => {
    const sides = await bothSides({
      model: 'identity_int64',
      inputs: [{ name: 'input', data: [[1, 2]], datatype: 'INT32' }],
      raw: [{ name: 'input', data: [[1, 2]], datatype: 'INT32' }],
    });
    expect(sides.server.serverMessage).toBe('Invalid input precision - Expected: I64; Actual: INT32; input name: input');
    expect(sides.client.message).toBe(`inputs.input: ${sides.server.serverMessage}`);
  });

  it('both sides reject it, the client before sending (whatever name it gives the expected precision)', async () => {
    const sides = await bothSides({
      model: 'identity_int64',
      inputs: [{ name: 'input', data: [[1, 2]], datatype: 'INT32' }],
      raw: [{ name: 'input', data: [[1, 2]], datatype: 'INT32' }],
    });
    expect(sides.server.serverMessage).toBe('Invalid input precision - Expected: I64; Actual: INT32; input name: input');
    expect(sides.client.reason).toEqual({ _tag: 'InvalidInput', field: 'inputs.input' });
    expect(sides.client.message).toMatch(/^inputs\.input: Invalid input precision - Expected: \w+; Actual: INT32; input name: input$/);
  });
});

describe('what only the server can check', () => {
  it('binary data of the wrong size → 400 "Invalid content size of tensor proto"', async () => {
    const loose = createConfig({ baseUrl: server.url, retry: FAST_RETRY, middleware: [forceShape([1, 10])] });
    const error = await rejectionOf(infer(loose, { model: 'dummy', inputs: [{ name: 'b', data: new Float32Array(9), shape: [1, 9], datatype: 'FP32' }] }, { validate: false, binary: 'always' }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 400, serverMessage: 'Invalid content size of tensor proto - Expected: 40 bytes; Actual: 36 bytes; input name: b' });
  });

  it('bert: data and mask of different lengths each fit [-1,-1], so the request is sent and the model rejects it', async () => {
    const mark = server.requestCount;
    const error = await rejectionOf(infer(config, { model: 'bert', inputs: { data: [1, 2, 3, 4], mask: [1, 1, 1] } }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 400, serverMessage: 'Invalid input shape - Expected: (1,4); Actual: (1,3); input name: mask' });
    expect(routesSince(server, mark)).toEqual(['POST /v2/models/bert/infer']);
  });

  it('validate: false in the config behaves like the option', async () => {
    const loose = createConfig({ baseUrl: server.url, retry: FAST_RETRY, validate: false });
    const mark = server.requestCount;
    const error = await rejectionOf(infer(loose, { model: 'dummy', inputs: { b: [TEN, TEN] } }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 400, serverMessage: 'Invalid input batch size - Expected: 1; Actual: 2; input name: b' });
    expect(routesSince(server, mark)).toEqual(['POST /v2/models/dummy/infer']);
  });
});

describe("the seed's error-handling snippet against the real server", () => {
  /** The seed document's catch block, verbatim in its branching (ovms-backend-seed.md, "Error Handling"). */
  function seedBranch(error: unknown): string {
    const e = error as { status?: number; code?: string; message: string };
    if (e.status === 404) return 'Model not found. Check if the model is loaded on the server.';
    else if (e.status === 400) return `Bad request. Check your input format: ${e.message}`;
    else if (e.code === 'ECONNREFUSED') return "Cannot connect to OVMS server. Ensure it's running.";
    return 'Inference error';
  }

  async function branchOf(request: InferRequest, options: { validate?: boolean } = {}): Promise<string> {
    try {
      await infer(config, request, options);
    } catch (error) {
      expect(isOvmsError(error)).toBe(true);
      return seedBranch(error);
    }
    throw new Error('expected infer to reject');
  }

  it('an unknown model → error.status === 404 (validated: from the metadata request)', async () => {
    expect(await branchOf({ model: 'no_such_model', inputs: { b: TEN } })).toBe('Model not found. Check if the model is loaded on the server.');
  });

  it('an unknown model → error.status === 404 (validate: false: from the infer request)', async () => {
    const error = await rejectionOf(infer(config, { model: 'no_such_model', inputs: { b: TEN } }, { validate: false }));
    expect(error.status).toBe(404);
    // OVMS (MediaPipe-enabled builds) names the graph lookup, the last one it tried (rest-api.md §4.6, line 296).
    expect(error.serverMessage).toBe('Mediapipe graph definition with requested name is not found');
    expect(seedBranch(error)).toBe('Model not found. Check if the model is loaded on the server.');
  });

  it('a bad input with validate: false → error.status === 400', async () => {
    expect(await branchOf({ model: 'bert', inputs: { data: [[1n, 2n, 3n, 4n]], mask: [[1n, 1n, 1n]] } }, { validate: false })).toBe(
      'Bad request. Check your input format: OVMS answered 400 to infer (model "bert"): Invalid input shape - Expected: (1,4); Actual: (1,3); input name: mask',
    );
  });

  it('a bad input with validation on is not a status: the snippet falls through (InvalidInput has no status)', async () => {
    expect(await branchOf({ model: 'dummy', inputs: { b: [1, 2] } })).toBe('Inference error');
  });
});
