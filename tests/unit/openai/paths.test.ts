import { describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import type { OvmsRequest } from '../../../src/core/types.js';
import { isOvmsErrorReason, OvmsError } from '../../../src/errors/OvmsError.js';
import { openaiModelPath } from '../../../src/protocols/openai/openaiModelPath.js';
import { openaiPath } from '../../../src/protocols/openai/openaiPath.js';
import { openaiPostRequest } from '../../../src/protocols/openai/openaiPostRequest.js';

function thrown(fn: () => unknown): OvmsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OvmsError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('openaiPath', () => {
  it('joins the base path and the endpoint', () => {
    expect(openaiPath('/v3', 'chat/completions')).toBe('/v3/chat/completions');
    expect(openaiPath('/v1', 'completions')).toBe('/v1/completions');
    expect(openaiPath('/v3', 'embeddings')).toBe('/v3/embeddings');
    expect(openaiPath('/v3', 'rerank')).toBe('/v3/rerank');
    expect(openaiPath('/v1', 'tokenize')).toBe('/v1/tokenize');
    expect(openaiPath('/v3', 'models')).toBe('/v3/models');
  });

  it('rejects any other base path (OVMS routes only /v3 and /v1 to its OpenAI handler)', () => {
    for (const bad of ['/v2', 'v3', '/v3/', '/v3/v1', '']) {
      const error = thrown(() => openaiPath(bad as never, 'models'));
      expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'basePath' });
    }
  });
});

describe('openaiModelPath', () => {
  it('keeps the slashes of a graph name and encodes each segment', () => {
    expect(openaiModelPath('/v3', 'bge-large-en-v1.5')).toBe('/v3/models/bge-large-en-v1.5');
    expect(openaiModelPath('/v1', 'BAAI/bge-reranker-large')).toBe('/v1/models/BAAI/bge-reranker-large');
    expect(openaiModelPath('/v3', 'a b/c?d#e')).toBe('/v3/models/a%20b/c%3Fd%23e');
  });

  it('rejects ids that would change the path', () => {
    for (const bad of ['', '..', 'a/../b', 'a//b', '/a', 'a/', 'x\ny']) {
      expect(isOvmsErrorReason(thrown(() => openaiModelPath('/v3', bad)), 'InvalidInput')).toBe(true);
    }
  });
});

describe('openaiPostRequest', () => {
  const request = (patch: Partial<OvmsRequest> = {}): OvmsRequest => ({
    operation: 'chatCompletion',
    idempotent: true,
    baseUrl: 'http://ovms.test/prefix',
    model: 'llm',
    timeout: 1000,
    retry: false,
    attempt: 1,
    headers: {},
    responseType: 'bytes',
    payload: { messages: [{ role: 'user', content: 'hi' }], stream: false },
    encode: () => {
      throw new Error('unused');
    },
    context: {},
    ...patch,
  });

  it('encodes a JSON POST with Content-Type application/json and the model from the logical request', () => {
    expect(openaiPostRequest('/v3', 'chat/completions')(request())).toEqual({
      method: 'POST',
      url: 'http://ovms.test/prefix/v3/chat/completions',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{"messages":[{"role":"user","content":"hi"}],"stream":false,"model":"llm"}',
    });
  });

  it('asks for an event stream when told to, and follows a rerouted model', () => {
    expect(openaiPostRequest('/v1', 'completions', 'text/event-stream')(request({ model: 'other', payload: { prompt: 'p', stream: true, model: 'stale' } }))).toEqual({
      method: 'POST',
      url: 'http://ovms.test/prefix/v1/completions',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: '{"prompt":"p","stream":true,"model":"other"}',
    });
  });
});

describe('config.openaiBasePath', () => {
  it('defaults to /v3 and accepts /v1', () => {
    expect(createConfig().openaiBasePath).toBe('/v3');
    expect(createConfig({ openaiBasePath: '/v1' }).openaiBasePath).toBe('/v1');
  });

  it('rejects anything else, naming the field', () => {
    const error = thrown(() => createConfig({ openaiBasePath: '/v2' as never }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'openaiBasePath' });
    expect(error.message).toBe('Invalid config: openaiBasePath must be "/v3" or "/v1"');
  });
});
