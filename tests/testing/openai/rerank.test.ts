import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, post, shapeOf, startHarness, type Harness } from './openAiHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

type Result = { index: number; relevance_score: number; document?: { text: string } };

const rerank = async (body: Record<string, unknown>): Promise<Result[]> => {
  const res = await post(h, '/v3/rerank', { model: 'BAAI/bge-reranker-large', ...body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
};

const documents = ['Paris is in France', 'sunny weather today', 'the capital of France is Paris', 'bananas'];

describe('rerank (Cohere format, rest-api.md §5.3)', () => {
  it('F76: same layout as the fixture', async () => {
    const f = fixture('F76');
    const res = await post(h, f.path, f.request_body ?? '');
    expect(res.status).toBe(f.status);
    const body = (await res.json()) as { results: Result[] };
    expect(JSON.stringify(shapeOf(body))).toBe(JSON.stringify(shapeOf(JSON.parse(f.response_body ?? ''))));
    expect(body.results.map((r) => r.index).sort()).toEqual([0, 1]);
  });

  it('sorts by a deterministic overlap score, descending', async () => {
    const results = await rerank({ query: 'What is the capital of France?', documents });
    expect(results.map((r) => r.index)).toEqual([2, 0, 1, 3]);
    const scores = results.map((r) => r.relevance_score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const s of scores) {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
      expect(Math.fround(s)).toBe(s);
    }
    expect(await rerank({ query: 'What is the capital of France?', documents })).toEqual(results);
  });

  it('cuts to top_n and adds documents on request', async () => {
    const results = await rerank({ query: 'capital of France', documents, top_n: 2, return_documents: true });
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual({ index: 2, relevance_score: results[0]?.relevance_score, document: { text: documents[2] } });
    expect(await rerank({ query: 'x', documents, top_n: 0 })).toEqual([]);
    expect(await rerank({ query: 'x', documents, top_n: -1 })).toHaveLength(4);
  });

  const mp = (reason: string, code = 'INVALID_ARGUMENT'): string =>
    JSON.stringify({
      error: `Mediapipe execution failed. MP status - ${code}: CalculatorGraph::Run() failed: \nCalculator::Process() for node "RerankExecutor" failed: ${reason}`,
    });

  it.each([
    [{ documents }, 'query field is missing in request'],
    [{ query: 1, documents }, 'query is not a string'],
    [{ query: 'q' }, 'documents field is missing in request'],
    [{ query: 'q', documents: 'a' }, 'documents is not an array'],
    [{ query: 'q', documents: ['a', { title: 't', text: 'x' }] }, 'all documents have to be the same type (string or objects)'],
    [{ query: 'q', documents, top_n: 'a' }, 'top_n accepts integer values'],
    [{ query: 'q', documents, return_documents: 1 }, 'return_documents accepts boolean values'],
    [{ query: 'q', documents: [{ title: 't', text: 'x' }], return_documents: true }, 'document map not supported'],
  ])('rejects %j', async (body, reason) => {
    const res = await post(h, '/v3/rerank', { model: 'BAAI/bge-reranker-large', ...body });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(mp(reason));
  });

  it('accepts 100 documents and rejects 101 (rest-api.md §5.5)', async () => {
    const docs = (n: number): string[] => Array.from({ length: n }, (_, i) => `document ${i}`);
    expect(await rerank({ query: 'document 7', documents: docs(100) })).toHaveLength(100);
    const res = await post(h, '/v3/rerank', { model: 'BAAI/bge-reranker-large', query: 'q', documents: docs(101) });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(mp('Number of documents exceeds max_allowed_chunks', 'INTERNAL'));
  });
});
