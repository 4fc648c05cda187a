import { createInterface } from 'node:readline';
import { streamChatCompletion } from '../../ops/streamChatCompletion.js';
import type { ChatMessage } from '../../protocols/openai/ChatCompletionRequest.js';
import type { Usage } from '../../protocols/openai/openaiSchemas.js';
import type { Command, CommandContext } from '../Command.js';
import { EXIT_CODES } from '../exitCodes.js';
import { toJsonText } from '../format/toJsonText.js';
import { numberOption } from '../numberOption.js';

interface Reply {
  readonly text: string;
  readonly finishReason: string | null;
  readonly usage: Usage | null;
}

/** Streams one answer, writing tokens to stdout as they arrive (unless `--json`). */
async function streamReply(context: CommandContext, messages: readonly ChatMessage[], signal: AbortSignal): Promise<Reply> {
  const { config, values, positionals, json, io } = context;
  const maxTokens = numberOption(values, 'max-tokens', { min: 1, integer: true });
  const temperature = numberOption(values, 'temperature', { min: 0 });
  const stream = streamChatCompletion(
    config,
    {
      model: positionals[0] as string,
      messages,
      stream_options: { include_usage: true },
      ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
      ...(temperature === undefined ? {} : { temperature }),
    },
    { signal },
  );
  let text = '';
  let finishReason: string | null = null;
  let usage: Usage | null = null;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    const delta = choice?.delta.content;
    if (typeof delta === 'string' && delta !== '') {
      text += delta;
      if (!json) io.stdout.write(delta);
    }
    finishReason = choice?.finish_reason ?? finishReason;
    usage = chunk.usage ?? usage;
  }
  if (json) io.stdout.write(toJsonText({ model: positionals[0], reply: text, finishReason, usage }, 0) + '\n');
  else io.stdout.write('\n');
  return { text, finishReason, usage };
}

/** `ovms chat <model> [prompt]`: streamed chat, one-shot or interactive. */
export const chat: Command = {
  name: 'chat',
  summary: 'chat with an LLM, tokens streamed as they arrive',
  help: `Usage: ovms chat <model> [prompt...] [--system <text>] [--max-tokens <n>] [--temperature <t>] [--json]

Sends POST /v3/chat/completions with stream: true and writes the answer's tokens as they arrive.
With a prompt: one answer. Without one: an interactive conversation read line by line from stdin
(the history is kept; an empty line is skipped; /exit or Ctrl-D ends it).

Options:
  --system <text>       a system message first
  --max-tokens <n>      max_tokens
  --temperature <t>     temperature

JSON: one line per answer: {"model", "reply", "finishReason", "usage"}`,
  options: { system: { type: 'string' }, 'max-tokens': { type: 'string' }, temperature: { type: 'string' } },
  args: { min: 1, max: Number.POSITIVE_INFINITY },
  async run(context) {
    const { values, positionals, io, signal } = context;
    // Checked before anything is sent, so a typo fails at once.
    numberOption(values, 'max-tokens', { min: 1, integer: true });
    numberOption(values, 'temperature', { min: 0 });
    const messages: ChatMessage[] = typeof values.system === 'string' ? [{ role: 'system', content: values.system }] : [];
    const prompt = positionals.slice(1).join(' ');
    if (prompt !== '') {
      await streamReply(context, [...messages, { role: 'user', content: prompt }], signal);
      return EXIT_CODES.ok;
    }

    const input = io.stdin;
    if (input === undefined) return EXIT_CODES.ok;
    const tty = input.isTTY === true && io.stdout.isTTY === true;
    const rl = createInterface({ input, terminal: tty, ...(tty ? { output: io.stdout as unknown as NodeJS.WritableStream } : {}) });
    // Ctrl-C stops the answer being streamed, or ends the conversation when none is.
    let turn: AbortController | undefined;
    rl.on('SIGINT', () => (turn === undefined ? rl.close() : turn.abort()));
    const onAbort = (): void => rl.close();
    signal.addEventListener('abort', onAbort, { once: true });
    const ask = (): void => {
      if (tty) io.stdout.write('> ');
    };
    try {
      ask();
      for await (const line of rl) {
        const text = line.trim();
        if (text === '/exit' || text === '/quit') break;
        if (text !== '') {
          messages.push({ role: 'user', content: text });
          turn = new AbortController();
          const stop = (): void => turn?.abort();
          signal.addEventListener('abort', stop, { once: true });
          try {
            const reply = await streamReply(context, messages, AbortSignal.any([signal, turn.signal]));
            messages.push({ role: 'assistant', content: reply.text });
          } catch (error) {
            // An answer stopped with Ctrl-C is dropped from the history; the conversation goes on.
            if (!turn.signal.aborted || signal.aborted) throw error;
            messages.pop();
            io.stdout.write('\n');
          } finally {
            signal.removeEventListener('abort', stop);
            turn = undefined;
          }
        }
        ask();
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      rl.close();
    }
    if (signal.aborted) return EXIT_CODES.interrupted;
    return EXIT_CODES.ok;
  },
};
