import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startHarness, type Harness } from './openAiHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

interface EmbeddingsBody {
  object: string;
  data: Array<{ object: string; embedding: number[] | string; index: number }>;
  usage: { prompt_tokens: number; total_tokens: number };
}

const embed = async (body: Record<string, unknown>): Promise<EmbeddingsBody> => {
  const res = await post(h, '/v3/embeddings', { model: 'BAAI/bge-small', ...body });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return (await res.json()) as EmbeddingsBody;
};

const cosine = (a: readonly number[], b: readonly number[]): number => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);

describe('embeddings (rest-api.md §5.2, §5.3)', () => {
  it('returns unit-norm 384-d float vectors without a model field', async () => {
    const body = await embed({ input: ['hello world', 'good morning'] });
    expect(Object.keys(body)).toEqual(['object', 'data', 'usage']);
    expect(body.object).toBe('list');
    expect(body.data.map((d) => [d.object, d.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
    ]);
    for (const d of body.data) {
      const v = d.embedding as number[];
      expect(v).toHaveLength(384);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
      for (const x of v) expect(Math.fround(x)).toBe(x);
    }
    // [CLS] + 2 words + [SEP] per input.
    expect(body.usage).toEqual({ prompt_tokens: 8, total_tokens: 8 });
  });

  it('is deterministic and makes texts with shared words closer', async () => {
    const [a, b] = await Promise.all([embed({ input: 'the cat sat' }), embed({ input: 'the cat sat' })]);
    expect(a.data[0]?.embedding).toEqual(b.data[0]?.embedding);
    const body = await embed({ input: ['red apple pie', 'red apple tart', 'quantum field theory'] });
    const [x, y, z] = body.data.map((d) => d.embedding as number[]);
    expect(cosine(x ?? [], y ?? [])).toBeGreaterThan(cosine(x ?? [], z ?? []));
  });

  it('base64 is the little-endian float32 bytes of the float answer', async () => {
    const floats = await embed({ input: 'hello world' });
    const b64 = await embed({ input: 'hello world', encoding_format: 'base64' });
    const text = b64.data[0]?.embedding as string;
    expect(typeof text).toBe('string');
    const bytes = Buffer.from(text, 'base64');
    expect(bytes.length).toBe(384 * 4);
    const decoded = Array.from({ length: 384 }, (_, i) => bytes.readFloatLE(i * 4));
    expect(decoded).toEqual(floats.data[0]?.embedding);
    expect(b64.usage).toEqual(floats.usage);
  });

  it('accepts token ids (int[] and int[][]) and counts them as prompt tokens', async () => {
    const one = await embed({ input: [1, 2, 3] });
    expect(one.data).toHaveLength(1);
    expect(one.usage.prompt_tokens).toBe(3);
    const two = await embed({ input: [[1, 2], [3]] });
    expect(two.data).toHaveLength(2);
    expect(two.usage.prompt_tokens).toBe(3);
  });

  it.each([
    [{}, 'input field is required'],
    [{ input: 5 }, 'input should be string, array of strings or array of integers'],
    [{ input: [] }, 'input array should not be empty'],
    [{ input: ['a', 1] }, 'input must be homogeneous'],
    [{ input: [true] }, 'every element in input array should be either string or int'],
    [{ input: 'a', encoding_format: 'hex' }, 'encoding_format should either base64 or float'],
    [{ input: 'a', encoding_format: 1 }, 'encoding_format should be string'],
    [{ input: ['w '.repeat(600).trim()] }, 'Input length 602 longer than allowed 512'],
  ])('rejects %#', async (body, reason) => {
    const res = await post(h, '/v3/embeddings', { model: 'BAAI/bge-small', ...body });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      JSON.stringify({
        error: `Mediapipe execution failed. MP status - INVALID_ARGUMENT: CalculatorGraph::Run() failed: \nCalculator::Process() for node "EmbeddingsExecutor" failed: ${reason}`,
      }),
    );
  });
});
