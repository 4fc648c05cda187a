import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, post, shapeOf, startHarness, type Harness } from './openAiHarness.js';

let h: Harness;
let keyed: Harness;
beforeAll(async () => {
  h = await startHarness();
  keyed = await startHarness({ apiKey: 'secret' });
});
afterAll(async () => {
  await h.close();
  await keyed.close();
});

const errorBody = (message: string): string => JSON.stringify({ error: message });

describe('body checks before the graph: 412 (rest-api.md §5.5)', () => {
  it('F82: JSON that is not an object', async () => {
    const f = fixture('F82');
    const res = await post(h, f.path, f.request_body ?? '');
    expect(res.status).toBe(f.status);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe(f.response_body);
  });

  it.each([
    ['not JSON', 'not a json', 'The file is not valid json - Cannot parse JSON body'],
    ['model missing', '{"messages":[]}', 'The file is not valid json - model field is missing in JSON body'],
    ['model not a string', '{"model":2}', 'The file is not valid json - model field is not a string'],
    ['stream not a boolean', '{"model":"llm","stream":"yes"}', 'The file is not valid json - stream field is not a boolean'],
    [
      'nesting too deep',
      `{"model":"llm","a":${'['.repeat(200)}${']'.repeat(200)}}`,
      'The file is not valid json - JSON body exceeds maximum nesting depth',
    ],
  ])('%s', async (_name, body, message) => {
    const res = await post(h, '/v3/chat/completions', body);
    expect(res.status).toBe(412);
    expect(await res.text()).toBe(errorBody(message));
  });

  it('checks stream only on text-generation URIs', async () => {
    const res = await post(h, '/v3/embeddings', { model: 'BAAI/bge-small', input: 'a', stream: 'yes' });
    expect(res.status).toBe(200);
  });

  it('F91: a TF-Serving predict on /v1 is routed to the OpenAI handler', async () => {
    const f = fixture('F91');
    const res = await post(h, f.path, f.request_body ?? '', f.request_headers ?? {});
    expect(res.status).toBe(f.status);
    expect(await res.text()).toBe(f.response_body);
  });
});

describe('graph lookup: 404 (rest-api.md §5.1)', () => {
  it('F83: unknown model', async () => {
    const f = fixture('F83');
    const res = await post(h, f.path, f.request_body ?? '');
    expect(res.status).toBe(f.status);
    expect(await res.text()).toBe(f.response_body);
  });

  it('F92: without application/json the graph name comes from the URI', async () => {
    const f = fixture('F92');
    const res = await post(h, f.path, f.request_body ?? '', { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(f.status);
    expect(await res.text()).toBe(f.response_body);
  });

  it('a JSON body for the llm is not routed by its model field without the content type', async () => {
    const res = await post(h, '/v3/chat/completions', { model: 'llm', messages: [{ role: 'user', content: 'x' }] }, {});
    expect(res.status).toBe(404);
  });

  it('accepts Content-Type with parameters', async () => {
    const res = await post(h, '/v3/completions', { model: 'llm', prompt: 'x' }, {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(200);
  });
});

describe('API key (rest-api.md §1.4)', () => {
  const body = { model: 'llm', prompt: 'x' };
  it.each([
    ['missing', {}],
    ['wrong key', { Authorization: 'Bearer nope' }],
    ['no Bearer', { Authorization: 'secret' }],
  ])('rejects %s with 500 Unauthorized', async (_name, auth) => {
    const res = await post(keyed, '/v3/completions', body, { 'Content-Type': 'application/json', ...auth });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(errorBody('Unauthorized request due to invalid or missing api-key'));
  });

  it('checks the key before the body', async () => {
    const res = await post(keyed, '/v1/models/resnet:predict', 'garbage');
    expect(res.status).toBe(500);
  });

  it('accepts the key with any header-name case', async () => {
    const res = await post(keyed, '/v3/completions', body, { 'Content-Type': 'application/json', AUTHORIZATION: 'Bearer secret' });
    expect(res.status).toBe(200);
  });

  it('never protects GET models', async () => {
    const res = await fetch(`${keyed.url}/v3/models`);
    expect(res.status).toBe(200);
  });
});

describe('models list and retrieve (rest-api.md §5.3)', () => {
  it('F67: lists every servable with the fixture layout', async () => {
    const before = Math.floor(Date.now() / 1000);
    for (const prefix of ['/v1/', '/v3/', '/v3/v1/']) {
      const res = await fetch(`${h.url}${prefix}models`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = (await res.json()) as { data: Array<{ id: string; created: number }>; object: string };
      expect(JSON.stringify(shapeOf(body))).toBe(JSON.stringify(shapeOf(JSON.parse(fixture('F67').response_body ?? ''))));
      expect(body.data.map((d) => d.id)).toEqual(['dummy', 'resnet', 'llm', 'BAAI/bge-small', 'BAAI/bge-reranker-large']);
      expect(body.data[0]).toMatchObject({ object: 'model', owned_by: 'OVMS' });
      expect(body.data[0]?.created).toBeGreaterThanOrEqual(before);
    }
  });

  it('F68: retrieves one model, name with an unencoded slash', async () => {
    const res = await fetch(`${h.url}/v3/models/BAAI/bge-small`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.stringify(shapeOf(JSON.parse(text)))).toBe(JSON.stringify(shapeOf(JSON.parse(fixture('F68').response_body ?? ''))));
    expect(text).toMatch(/^\{"id":"BAAI\/bge-small","object":"model","created":\d+,"owned_by":"OVMS"\}$/);
  });

  it('F94: unknown id (including m/metadata) is 500 Model not found', async () => {
    const f = fixture('F94');
    for (const path of [f.path, '/v3/models/unknown']) {
      const res = await fetch(h.url + path);
      expect(res.status).toBe(500);
      expect(await res.text()).toBe(f.response_body);
    }
  });

  it('GET on a POST-only OpenAI route is 406', async () => {
    const res = await fetch(`${h.url}/v3/chat/completions`);
    expect(res.status).toBe(406);
    expect(await res.text()).toBe(errorBody('Unsupported method'));
  });
});

describe('graph events for /metrics', () => {
  it('reports one event per graph request and none for requests that never reached a graph', async () => {
    const local = await startHarness();
    try {
      await post(local, '/v3/completions', { model: 'llm', prompt: 'x' });
      await post(local, '/v3/completions', { model: 'llm' });
      await post(local, '/v3/embeddings', { model: 'BAAI/bge-small', input: 'x' });
      await post(local, '/v3/completions', { model: 'nope' });
      await post(local, '/v3/completions', 'nope');
      await fetch(`${local.url}/v3/models`);
      await local.eventCount(3);
      expect(local.events.map(({ name, method, ok }) => ({ name, method, ok }))).toEqual([
        { name: 'llm', method: 'Unary', ok: true },
        { name: 'llm', method: 'Unary', ok: false },
        { name: 'BAAI/bge-small', method: 'Unary', ok: true },
      ]);
      for (const e of local.events) expect(e.durationUs).toBeGreaterThanOrEqual(0);
    } finally {
      await local.close();
    }
  });
});
