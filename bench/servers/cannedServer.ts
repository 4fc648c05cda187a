/**
 * A minimal canned-response HTTP server for client-overhead benchmarks: it drains each request body
 * and answers fixed bytes prepared at start-up, so the server is never the bottleneck. Run as a
 * child process (see `startServerProcess`); it prints `{"url": …}` once listening and answers
 * `stats` / `reset` messages over IPC with the connections and requests it has seen.
 *
 * Routes (anything else: 404):
 * - `GET /v2/models/{dummy|resnet50}`: the model metadata.
 * - `POST /v2/models/{dummy|resnet50}/infer`: a fixed answer, binary (`Inference-Header-Content-Length`)
 *   when the request is binary (`application/octet-stream`), JSON otherwise.
 * - `POST /v3/chat/completions`: a fixed event stream of {@link CHAT_CHUNKS} content chunks, a usage
 *   chunk and `data: [DONE]`, written in frames of 16 events.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CHAT_CHUNKS } from '../lib/constants.js';

interface Canned {
  readonly metadata: string;
  readonly binary: { readonly body: Buffer; readonly headerLength: number };
  readonly json: Buffer;
}

function cannedModel(name: string, input: { name: string; shape: number[] }, output: { name: string; shape: number[] }): Canned {
  const count = output.shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: count }, (_, i) => (i % 97) / 97);
  const metadata = JSON.stringify({
    name,
    versions: ['1'],
    platform: 'OpenVINO',
    inputs: [{ name: input.name, datatype: 'FP32', shape: input.shape }],
    outputs: [{ name: output.name, datatype: 'FP32', shape: output.shape }],
  });
  const header = Buffer.from(
    JSON.stringify({ model_name: name, model_version: '1', outputs: [{ name: output.name, datatype: 'FP32', shape: output.shape, parameters: { binary_data_size: count * 4 } }] }),
  );
  const data = Buffer.from(new Float32Array(values).buffer);
  const json = Buffer.from(JSON.stringify({ model_name: name, model_version: '1', outputs: [{ name: output.name, datatype: 'FP32', shape: output.shape, data: values }] }));
  return { metadata, binary: { body: Buffer.concat([header, data]), headerLength: header.byteLength }, json };
}

const models: Record<string, Canned> = {
  dummy: cannedModel('dummy', { name: 'b', shape: [1, 10] }, { name: 'a', shape: [1, 10] }),
  resnet50: cannedModel('resnet50', { name: 'data', shape: [1, 3, 224, 224] }, { name: 'prob', shape: [1, 1000] }),
};

function chatStream(): Buffer {
  const created = 1_700_000_000;
  const frames: string[] = [`data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }], created, model: 'llama3', object: 'chat.completion.chunk' })}\n\n`];
  for (let i = 0; i < CHAT_CHUNKS; i++) {
    const last = i === CHAT_CHUNKS - 1;
    const chunk = { choices: [{ finish_reason: last ? 'stop' : null, index: 0, logprobs: null, delta: { content: ` token${i}` } }], created, model: 'llama3', object: 'chat.completion.chunk', usage: null };
    frames.push(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  frames.push(`data: ${JSON.stringify({ choices: [], created, model: 'llama3', object: 'chat.completion.chunk', usage: { prompt_tokens: 8, completion_tokens: CHAT_CHUNKS, total_tokens: CHAT_CHUNKS + 8 } })}\n\n`);
  frames.push('data: [DONE]\n\n');
  // OVMS writes one event per token; a fast client reads several per socket read. 16 per write is in between.
  const writes: Buffer[] = [];
  for (let i = 0; i < frames.length; i += 16) writes.push(Buffer.from(frames.slice(i, i + 16).join('')));
  return Buffer.concat(writes);
}
const CHAT = chatStream();
const CHAT_WRITE = 16 * 1024;

let connections = 0;
let requests = 0;

function answer(req: IncomingMessage, res: ServerResponse): void {
  requests++;
  const url = req.url ?? '/';
  const m = /^\/v2\/models\/([^/]+)(\/infer)?$/.exec(url);
  const model = m?.[1] === undefined ? undefined : models[m[1]];
  if (model !== undefined && req.method === 'GET' && m?.[2] === undefined) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(model.metadata) });
    res.end(model.metadata);
    return;
  }
  if (model !== undefined && req.method === 'POST') {
    if (req.headers['content-type'] === 'application/octet-stream') {
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Inference-Header-Content-Length': String(model.binary.headerLength),
        'Content-Length': model.binary.body.byteLength,
      });
      res.end(model.binary.body);
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': model.json.byteLength });
      res.end(model.json);
    }
    return;
  }
  if (url === '/v3/chat/completions' && req.method === 'POST') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    for (let i = 0; i < CHAT.byteLength; i += CHAT_WRITE) res.write(CHAT.subarray(i, i + CHAT_WRITE));
    res.end();
    return;
  }
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end('{"error":"Model with requested name is not found"}');
}

const server = createServer((req, res) => {
  // Drain the request body before answering, as a real server reads it.
  req.on('data', () => undefined);
  req.on('end', () => answer(req, res));
});
// Longer than any pause between benchmark rounds, so that reconnections measure the client, not us.
server.keepAliveTimeout = 60_000;
server.on('connection', () => connections++);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', connections, requests });
  if (message.type === 'reset') {
    connections = 0;
    requests = 0;
    process.send?.({ type: 'reset' });
  }
});
process.on('disconnect', () => process.exit(0));
