import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig } from '../../src/config/createConfig.js';
import { chatCompletion } from '../../src/ops/chatCompletion.js';
import { EXIT_CODES } from '../../src/cli/exitCodes.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { runCli } from './runCli.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ tokenDelayMs: 2 });
});
afterAll(async () => {
  await server.close();
});

const unary = async (prompt: string): Promise<string> => {
  const answer = await chatCompletion(createConfig({ baseUrl: server.url }), { model: 'llama3', messages: [{ role: 'user', content: prompt }] });
  return answer.choices[0]?.message.content ?? '';
};

describe('ovms chat', () => {
  it('streams the answer token by token; the text equals the unary answer', async () => {
    const r = await runCli(['chat', 'llama3', 'Hello', 'there'], { url: server.url });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const expected = await unary('Hello there');
    expect(expected).toBe('This is a deterministic reply from the OVMS test server. You said: Hello there');
    expect(r.stdout).toBe(`${expected}\n`);
    // Written as the chunks arrived, not once at the end.
    expect(r.writes.length).toBeGreaterThan(5);
  });

  it('gives one JSON object with the reply, finish reason and usage', async () => {
    const r = await runCli(['chat', 'llama3', 'Hi', '--json'], { url: server.url });
    expect(JSON.parse(r.stdout)).toEqual({
      model: 'llama3',
      reply: await unary('Hi'),
      finishReason: 'stop',
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
    });
  });

  it('without a prompt, answers each line of stdin and ends at /exit', async () => {
    const r = await runCli(['chat', 'llama3', '--json'], { url: server.url, stdin: ['first\n', '\n', 'second\n', '/exit\n', 'never\n'] });
    expect(r.code).toBe(0);
    const replies = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { reply: string }).reply);
    expect(replies).toEqual([await unary('first'), await unary('second')]);
  });

  it('exits 3 for an unknown model', async () => {
    const r = await runCli(['chat', 'nosuch', 'hi'], { url: server.url });
    expect(r.code).toBe(EXIT_CODES.server);
  });

  it('stops a stream on abort (Ctrl-C) with exit 130', async () => {
    const slow = await startTestServer({ tokenDelayMs: 200 });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const r = await runCli(['chat', 'llama3', 'hi'], { url: slow.url, signal: controller.signal });
      expect(r.code).toBe(EXIT_CODES.interrupted);
      expect(r.stderr).toBe('ovms: interrupted\n');
    } finally {
      await slow.close();
    }
  });
});
