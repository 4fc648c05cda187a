import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLS_TOKEN_ID, SEP_TOKEN_ID } from '../../../src/testing/openai/testTokenizer.js';
import { fixture, post, shapeOf, startHarness, type Harness } from './openAiHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const tokenize = async (model: string, body: Record<string, unknown>): Promise<unknown> => {
  const res = await post(h, '/v1/tokenize', { model, ...body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { tokens: unknown }).tokens;
};

describe('tokenize (rest-api.md §5.1, §5.3, F77)', () => {
  it('F77: a flat list for one string on the LLM (no special tokens)', async () => {
    const f = fixture('F77');
    const res = await post(h, f.path, { ...(JSON.parse(f.request_body ?? '') as object), model: 'llm' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { tokens: number[] };
    expect(shapeOf(body)).toEqual(shapeOf(JSON.parse(f.response_body ?? '')));
    expect(body.tokens).toHaveLength(2);
  });

  it('nests a list of several strings and pads nothing by default', async () => {
    const tokens = (await tokenize('llm', { text: ['hello world', 'hi'] })) as number[][];
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toHaveLength(2);
    expect(tokens[1]).toHaveLength(1);
    // A one-element list is flat: OVMS nests only when the batch has more than one row.
    expect(await tokenize('llm', { text: ['hello world'] })).toEqual(tokens[0]);
  });

  it('the same word gets the same id', async () => {
    const [hello] = (await tokenize('llm', { text: 'hello' })) as number[];
    const tokens = (await tokenize('llm', { text: 'hello hello' })) as number[];
    expect(tokens).toEqual([hello, hello]);
  });

  it('adds [CLS]/[SEP] on embeddings and rerank graphs unless add_special_tokens is false', async () => {
    for (const model of ['BAAI/bge-small', 'BAAI/bge-reranker-large']) {
      const tokens = (await tokenize(model, { text: 'hello world' })) as number[];
      expect(tokens).toHaveLength(4);
      expect(tokens[0]).toBe(CLS_TOKEN_ID);
      expect(tokens[3]).toBe(SEP_TOKEN_ID);
      expect(await tokenize(model, { text: 'hello world', add_special_tokens: false })).toEqual(tokens.slice(1, 3));
    }
  });

  it('truncates to max_length and pads to it on the chosen side', async () => {
    const all = (await tokenize('llm', { text: 'a b c d' })) as number[];
    expect(await tokenize('llm', { text: 'a b c d', max_length: 2 })).toEqual(all.slice(0, 2));
    expect(await tokenize('llm', { text: 'a b', max_length: 4, pad_to_max_length: true })).toEqual([...all.slice(0, 2), 0, 0]);
    expect(
      await tokenize('llm', { text: 'a b', max_length: 4, pad_to_max_length: true, padding_side: 'left' }),
    ).toEqual([0, 0, ...all.slice(0, 2)]);
  });

  it.each([
    [{}, 'text field is required'],
    [{ text: 'a', max_length: 'x' }, 'max_length should be integer'],
    [{ text: 'a', pad_to_max_length: 1 }, 'pad_to_max_length should be boolean'],
    [{ text: 'a', add_special_tokens: 'no' }, 'add_special_tokens should be boolean'],
    [{ text: 'a', padding_side: 'up' }, 'padding_side should be either left or right'],
    [{ text: [1, 2] }, 'Input should be string or array of strings'],
  ])('rejects %j', async (body, reason) => {
    const res = await post(h, '/v3/tokenize', { model: 'llm', ...body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(
      `Mediapipe execution failed. MP status - INVALID_ARGUMENT: CalculatorGraph::Run() failed: \nCalculator::Process() for node "LLMExecutor" failed: ${reason}`,
    );
  });
});
