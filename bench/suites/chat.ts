import OpenAI from 'openai';
import { createConfig } from '../../src/config/createConfig.js';
import { streamChatCompletion } from '../../src/ops/streamChatCompletion.js';
import { compare } from '../lib/compare.js';
import type { BenchContext } from '../lib/context.js';
import type { Row } from '../lib/report.js';
import { CHAT_CHUNKS } from '../lib/constants.js';

const messages = [{ role: 'user' as const, content: 'Tell me a long story.' }];
/** Chunks per stream: the handshake, the content chunks, the usage chunk. */
const PER_STREAM = CHAT_CHUNKS + 2;

export async function streamedChat(ctx: BenchContext): Promise<Row[]> {
  const config = createConfig({ baseUrl: ctx.canned.url, model: 'llama3' });
  const client = new OpenAI({ baseURL: `${ctx.canned.url}/v3`, apiKey: 'x', maxRetries: 0 });
  const check = (n: number): void => {
    if (n !== PER_STREAM) throw new Error(`expected ${PER_STREAM} chunks, got ${n}`);
  };
  const ours = async (): Promise<void> => {
    let n = 0;
    for await (const chunk of streamChatCompletion(config, { messages, stream_options: { include_usage: true } })) if (chunk.object) n++;
    check(n);
  };
  const peer = async (): Promise<void> => {
    let n = 0;
    const stream = await client.chat.completions.create({ model: 'llama3', messages, stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) if (chunk.object) n++;
    check(n);
  };
  ctx.log('streamed chat');
  const c = await compare({ label: 'streamChatCompletion', op: ours }, { label: 'openai 6.49.0', op: peer }, { ...ctx.options, concurrency: 1, minOps: 3 });
  return [
    {
      section: `Streamed chat (canned server, one SSE stream of ${PER_STREAM} chunks)`,
      name: 'chunks parsed per second, concurrency 1',
      ours: c.a.label,
      peer: c.b.label,
      oursValue: c.a.opsPerSec * PER_STREAM,
      peerValue: c.b.opsPerSec * PER_STREAM,
      unit: 'chunks/s',
      ratio: c.ratio,
      range: c.ratioRange,
      note: `CPU µs/chunk ${(c.a.cpuUsPerOp / PER_STREAM).toFixed(1)} vs ${(c.b.cpuUsPerOp / PER_STREAM).toFixed(1)}; ${c.rounds}×${c.opsPerRound} streams/side`,
    },
  ];
}
