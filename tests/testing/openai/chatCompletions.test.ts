import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLM_REPLY_PREFIX } from '../../../src/testing/openai/planLlmTurn.js';
import { splitTextTokens } from '../../../src/testing/openai/testTokenizer.js';
import { fixture, post, shapeOf, startHarness, type Harness } from './openAiHarness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const mp = (reason: string, code = 'INVALID_ARGUMENT'): string =>
  `Mediapipe execution failed. MP status - ${code}: CalculatorGraph::Run() failed: \nCalculator::Process() for node "LLMExecutor" failed: ${reason}`;

const chat = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'llm',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'What is OpenVINO?' },
  ],
  ...extra,
});

describe('unary chat/completions (rest-api.md §5.3)', () => {
  it('answers with the layout of F71, key order included, and a deterministic text', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await post(h, '/v1/chat/completions', chat({ stream: false }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as Record<string, any>;
    const f71 = JSON.parse(fixture('F71').response_body ?? '') as unknown;
    expect(JSON.stringify(shapeOf(body))).toBe(JSON.stringify(shapeOf(f71)));
    expect(body).not.toHaveProperty('id');
    expect(body.model).toBe('llm');
    expect(body.object).toBe('chat.completion');
    expect(body.created).toBeGreaterThanOrEqual(before);
    const content = `${LLM_REPLY_PREFIX} What is OpenVINO?`;
    expect(body.choices).toEqual([
      { finish_reason: 'stop', index: 0, logprobs: null, message: { content, role: 'assistant', tool_calls: [] } },
    ]);
    const completion = splitTextTokens(content).length;
    // Template: 4 tokens per message + 2 for the generation prompt.
    const prompt = 4 + 6 + (4 + 4) + 2;
    expect(body.usage).toEqual({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });
  });

  it('is deterministic across calls and prefixes', async () => {
    const a = (await (await post(h, '/v3/chat/completions', chat())).json()) as Record<string, any>;
    const b = (await (await post(h, '/v3/v1/chat/completions', chat())).json()) as Record<string, any>;
    expect(a.choices).toEqual(b.choices);
    expect(a.usage).toEqual(b.usage);
  });

  it('stops at max_tokens / max_completion_tokens with finish_reason "length"', async () => {
    for (const limit of [{ max_tokens: 3 }, { max_completion_tokens: 3 }, { max_tokens: 50, max_completion_tokens: 3 }]) {
      const body = (await (await post(h, '/v3/chat/completions', chat(limit))).json()) as Record<string, any>;
      expect(body.choices[0].finish_reason).toBe('length');
      expect(body.choices[0].message.content).toBe('This is a');
      expect(body.usage.completion_tokens).toBe(3);
    }
  });

  it('honours stop strings, excluded from unary output unless include_stop_str_in_output', async () => {
    let body = (await (await post(h, '/v3/chat/completions', chat({ stop: ['reply'] }))).json()) as Record<string, any>;
    expect(body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'This is a deterministic ' } });
    expect(body.usage.completion_tokens).toBe(5);
    body = (await (
      await post(h, '/v3/chat/completions', chat({ stop: 'reply', include_stop_str_in_output: true }))
    ).json()) as Record<string, any>;
    expect(body.choices[0].message.content).toBe('This is a deterministic reply');
  });

  it('returns n identical choices and sums their usage', async () => {
    const body = (await (await post(h, '/v3/chat/completions', chat({ n: 2, best_of: 2 }))).json()) as Record<string, any>;
    expect(body.choices.map((c: any) => c.index)).toEqual([0, 1]);
    expect(body.choices[0].message).toEqual(body.choices[1].message);
    const one = splitTextTokens(body.choices[0].message.content as string).length;
    expect(body.usage.completion_tokens).toBe(2 * one);
  });

  it('calls a tool when tool_choice names it, with arguments from the schema', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { location: { type: 'string' }, days: { type: 'integer' } } },
        },
      },
      { type: 'function', function: { name: 'other', parameters: { type: 'object', properties: {} } } },
    ];
    const messages = [{ role: 'user', content: 'What is the weather like in Paris today?' }];
    for (const toolChoice of [{ type: 'function', function: { name: 'get_weather' } }, 'required']) {
      const body = (await (
        await post(h, '/v3/chat/completions', { model: 'llm', messages, tools, tool_choice: toolChoice })
      ).json()) as Record<string, any>;
      expect(body.choices[0].finish_reason).toBe('tool_calls');
      expect(body.choices[0].message.content).toBe('');
      const [call] = body.choices[0].message.tool_calls as any[];
      expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
      expect(call.id).toMatch(/^[0-9a-z]{9}$/);
      expect(JSON.parse(call.function.arguments as string)).toEqual({ location: 'Paris', days: 1 });
    }
    // "auto" calls only when the message names the tool; "none" never does.
    const auto = (await (
      await post(h, '/v3/chat/completions', { model: 'llm', messages, tools })
    ).json()) as Record<string, any>;
    expect(auto.choices[0].message.tool_calls).toEqual([]);
    const none = (await (
      await post(h, '/v3/chat/completions', {
        model: 'llm',
        messages: [{ role: 'user', content: 'use get_weather for Oslo' }],
        tools,
        tool_choice: 'none',
      })
    ).json()) as Record<string, any>;
    expect(none.choices[0].finish_reason).toBe('stop');
  });

  it('answers JSON text for response_format json_schema', async () => {
    const body = (await (
      await post(
        h,
        '/v3/chat/completions',
        chat({
          response_format: {
            type: 'json_schema',
            json_schema: { name: 'a', schema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
          },
        }),
      )
    ).json()) as Record<string, any>;
    expect(JSON.parse(body.choices[0].message.content as string)).toEqual({ ok: true });
  });
});

describe('unary completions (rest-api.md §5.3, F73)', () => {
  it('matches the layout of F73 with text_completion', async () => {
    const f73 = fixture('F73');
    const res = await post(h, '/v3/completions', { ...(JSON.parse(f73.request_body ?? '') as object), model: 'llm' });
    expect(res.status).toBe(f73.status);
    const body = (await res.json()) as Record<string, any>;
    expect(shapeOf(body)).toEqual(shapeOf(JSON.parse(f73.response_body ?? '')));
    expect(body.object).toBe('text_completion');
    expect(body.choices[0].text).toBe(`${LLM_REPLY_PREFIX} This is a test`);
    expect(body.usage.prompt_tokens).toBe(4);
  });

  it('echoes the prompt and returns legacy logprobs', async () => {
    const body = (await (
      await post(h, '/v3/completions', { model: 'llm', prompt: 'Hi', echo: true, logprobs: 1, max_tokens: 2 })
    ).json()) as Record<string, any>;
    expect(body.choices[0].text).toBe('HiThis is');
    expect(body.choices[0].logprobs).toEqual({
      tokens: ['This', ' is'],
      token_logprobs: [0, 0],
      top_logprobs: [{ This: 0 }, { ' is': 0 }],
      text_offset: [0, 4],
    });
  });
});

describe('LLM validation errors are 400 Mediapipe INVALID_ARGUMENT (rest-api.md §5.5)', () => {
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ['stop not string/array (F79)', '/v1/chat/completions', chat({ stream: true, stop: {} }), 'stop is not a string or array of strings'],
    [
      'include_stop_str_in_output false with stream (F80)',
      '/v1/chat/completions',
      chat({ stream: true, stop: '.', include_stop_str_in_output: false }),
      'include_stop_str_in_output cannot be set to false if streaming is used',
    ],
    ['stream_options not an object', '/v3/chat/completions', chat({ stream: true, stream_options: 1 }), 'stream_options is not an object'],
    [
      'unexpected stream options',
      '/v3/chat/completions',
      chat({ stream: true, stream_options: { include_usage: true, x: 1 } }),
      'Found unexpected stream options. Properties accepted in stream_options: include_usage',
    ],
    ['stream_options without stream', '/v3/chat/completions', chat({ stream_options: {} }), 'stream_options provided, but stream not set to true'],
    ['messages missing', '/v3/chat/completions', { model: 'llm' }, 'Messages missing in request'],
    ['messages empty', '/v3/chat/completions', { model: 'llm', messages: [] }, 'Messages array cannot be empty'],
    ['max_tokens negative', '/v3/chat/completions', chat({ max_tokens: -1 }), 'max_tokens is not an unsigned integer'],
    ['max_tokens 0', '/v3/chat/completions', chat({ max_tokens: 0 }), 'max_tokens value should be greater than 0'],
    ['temperature range', '/v3/chat/completions', chat({ temperature: 3 }), 'temperature out of range(0.0, 2.0)'],
    ['n > best_of', '/v3/chat/completions', chat({ n: 2 }), 'n value cannot be greater than best_of'],
    ['prompt missing', '/v3/completions', { model: 'llm' }, 'prompt is missing'],
    [
      'image on a text LLM',
      '/v3/chat/completions',
      {
        model: 'llm',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }] }],
      },
      'This servable supports only text input, but image_url has been provided',
    ],
    [
      'wrong endpoint',
      '/v3/embeddings',
      { model: 'llm', input: 'x' },
      'Wrong endpoint. Allowed endpoints: /v[13]/chat/completions, /v[13]/completions, /v[13]/responses, /v[13]/tokenize',
    ],
  ];
  it.each(cases)('%s', async (_name, path, body, reason) => {
    const res = await post(h, path, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe(JSON.stringify({ error: mp(reason) }));
  });

  it('rejects a prompt longer than the model', async () => {
    const res = await post(h, '/v3/completions', { model: 'llm', prompt: 'word '.repeat(4100) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(
      mp('Number of prompt tokens: 4101 exceeds model max length: 4096'),
    );
  });

  it('fails before the first token on [[fail-generation]]', async () => {
    const res = await post(h, '/v3/chat/completions', {
      model: 'llm',
      messages: [{ role: 'user', content: 'x [[fail-generation]]' }],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(
      mp('Simulated generation failure requested by [[fail-generation]]', 'INTERNAL'),
    );
  });
});
