import { describe, expect, it } from 'vitest';
import { isOvmsError, type OvmsError } from '../../../src/errors/OvmsError.js';
import { readSseData, type ReadSseOptions } from '../../../src/protocols/openai/readSseData.js';
import { activeTimeouts, controlledStream } from './sseStream.js';

const REQUEST = { operation: 'streamChatCompletion', method: 'POST', url: 'http://ovms.test/v3/chat/completions', model: 'llm' } as const;
const OPTIONS: ReadSseOptions = { idleTimeoutMs: 1000, maxBufferSize: 1 << 20, request: REQUEST };

/** Reads everything; returns the data strings and what was thrown, if anything. */
async function drain(stream: ReadableStream<Uint8Array>, options: ReadSseOptions = OPTIONS): Promise<{ data: string[]; error: OvmsError | undefined }> {
  const data: string[] = [];
  try {
    for await (const d of readSseData(stream, options)) data.push(d);
  } catch (error) {
    if (!isOvmsError(error)) throw error;
    return { data, error };
  }
  return { data, error: undefined };
}

const MESSAGE = 'Mediapipe execution failed. MP status - INTERNAL: CalculatorGraph::Run() failed: \nCalculator::Process() for node "LLMExecutor" failed: boom';
const RAW_ERROR = JSON.stringify({ error: MESSAGE });

describe('readSseData', () => {
  it('yields event data in order up to data: [DONE], whatever the chunk boundaries (even inside a UTF-8 character)', async () => {
    const wire = new TextEncoder().encode('data: {"a":1}\n\ndata: {"b":"é€"}\n\n: comment\n\ndata: [DONE]\n\ndata: {"after":1}\n\n');
    for (const size of [1, 2, 3, 7, wire.length]) {
      const s = controlledStream();
      for (let i = 0; i < wire.length; i += size) s.push(wire.slice(i, i + size));
      s.close();
      expect(await drain(s.stream)).toEqual({ data: ['{"a":1}', '{"b":"é€"}'], error: undefined });
    }
  });

  it('throws Stream for a raw {"error": …} line OVMS writes without data: after the events before it (no newline at the end)', async () => {
    const s = controlledStream();
    s.push(`data: {"a":1}\n\ndata: {"a":2}\n\n${RAW_ERROR}`);
    s.close();
    const { data, error } = await drain(s.stream);
    expect(data).toEqual(['{"a":1}', '{"a":2}']);
    expect(error?.reason).toEqual({ _tag: 'Stream', serverMessage: MESSAGE });
    expect(error?.serverMessage).toBe(MESSAGE);
    expect(error?.request).toEqual(REQUEST);
  });

  it('throws Stream as soon as a terminated raw error line arrives, and cancels the stream', async () => {
    const s = controlledStream();
    s.push(`data: {"a":1}\n\n${RAW_ERROR}\n`);
    const { data, error } = await drain(s.stream);
    expect(data).toEqual(['{"a":1}']);
    expect(error?.reason._tag).toBe('Stream');
    expect(s.cancelled()).toBe(1);
  });

  it('ignores unknown lines that are not an error object (as the SSE specification says)', async () => {
    const s = controlledStream();
    s.push('event: x\nid: 1\nfoo: bar\nnot json\ndata: {"a":1}\n\ndata: [DONE]\n\n');
    s.close();
    expect(await drain(s.stream)).toEqual({ data: ['{"a":1}'], error: undefined });
  });

  it('reports a stream that ends without [DONE] as Transport ECONNRESET', async () => {
    const s = controlledStream();
    s.push('data: {"a":1}\n\ndata: {"a":2');
    s.close();
    const { data, error } = await drain(s.stream);
    expect(data).toEqual(['{"a":1}']);
    expect(error?.reason).toEqual({ _tag: 'Transport' });
    expect(error?.code).toBe('ECONNRESET');
  });

  it('times out a silent stream with Timeout ETIMEDOUT, calls onIdle, cancels the stream and leaves no timer', async () => {
    const before = activeTimeouts();
    const s = controlledStream();
    s.push('data: {"a":1}\n\n');
    const idle: OvmsError[] = [];
    const started = Date.now();
    const { data, error } = await drain(s.stream, { ...OPTIONS, idleTimeoutMs: 60, onIdle: (e) => idle.push(e) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(data).toEqual(['{"a":1}']);
    expect(error?.reason).toEqual({ _tag: 'Timeout', timeoutMs: 60 });
    expect(error?.code).toBe('ETIMEDOUT');
    expect(idle).toEqual([error]);
    expect(s.cancelled()).toBe(1);
    // At most as many as before: other timers of the process may end meanwhile, none of ours may stay.
    expect(activeTimeouts()).toBeLessThanOrEqual(before);
  });

  it('cancels the stream when the consumer stops early, and leaves no timer', async () => {
    const before = activeTimeouts();
    const s = controlledStream();
    s.push('data: {"a":1}\n\ndata: {"a":2}\n\n');
    const seen: string[] = [];
    for await (const d of readSseData(s.stream, OPTIONS)) {
      seen.push(d);
      break;
    }
    expect(seen).toEqual(['{"a":1}']);
    expect(s.cancelled()).toBe(1);
    // At most as many as before: other timers of the process may end meanwhile, none of ours may stay.
    expect(activeTimeouts()).toBeLessThanOrEqual(before);
  });

  it('stops at [DONE] without waiting for the server to end the response, releasing the stream', async () => {
    const s = controlledStream();
    s.push('data: {"a":1}\n\ndata: [DONE]\n\n');
    // Never closed: a server that keeps the connection open after [DONE] must not hang the consumer.
    expect(await drain(s.stream)).toEqual({ data: ['{"a":1}'], error: undefined });
    expect(s.cancelled()).toBe(1);
  });

  it('rejects an event larger than the buffer bound with Decode', async () => {
    const s = controlledStream();
    s.push(`data: ${'x'.repeat(100)}`);
    const { error } = await drain(s.stream, { ...OPTIONS, maxBufferSize: 50 });
    expect(error?.reason).toEqual({ _tag: 'Decode' });
    expect(error?.code).toBe('ERR_RESPONSE_TOO_LARGE');
  });
});
