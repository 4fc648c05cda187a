/**
 * A tiny node:http server around `handleOpenAi`, standing in for the full test server in these tests:
 * it strips the `/v3/v1/`, `/v3/` or `/v1/` prefix, buffers the body and records graph events and any
 * write attempted after the response closed.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import {
  handleOpenAi,
  type OpenAiContext,
  type OpenAiGraphEvent,
  type OpenAiServable,
} from '../../../src/testing/openai/handleOpenAi.js';

/** The graphs every harness serves. */
export const SERVABLES: readonly OpenAiServable[] = [
  { name: 'llm', kind: 'llm' },
  { name: 'BAAI/bge-small', kind: 'embeddings' },
  { name: 'BAAI/bge-reranker-large', kind: 'rerank' },
];

/** A running harness. */
export interface Harness {
  readonly url: string;
  readonly events: OpenAiGraphEvent[];
  /** Calls of `res.write`/`res.end` made after the response had closed. */
  readonly lateWrites: () => number;
  /** Resolves with the next graph event (or the n-th, counting from 1). */
  readonly eventCount: (n: number, timeoutMs?: number) => Promise<void>;
  readonly close: () => Promise<void>;
}

/** One fixture of `tests/fixtures/openai-fixtures.json`. */
export interface Fixture {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly request_headers?: Record<string, string>;
  readonly request_body?: string;
  readonly status: number;
  readonly response_body: string | null;
}

/**
 * Loads a fixture by id.
 * @param id e.g. `F71`
 * @returns the fixture
 */
export function fixture(id: string): Fixture {
  const all = JSON.parse(
    readFileSync(new URL('../../fixtures/openai-fixtures.json', import.meta.url), 'utf8'),
  ) as Fixture[];
  const found = all.find((f) => f.id === id);
  if (found === undefined) throw new Error(`no fixture ${id}`);
  return found;
}

/**
 * The type skeleton of a JSON value, keys in insertion order: compares layouts, not values.
 * @param value any JSON value
 * @returns the skeleton
 */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)]));
  }
  return typeof value;
}

const PREFIXES = ['/v3/v1/', '/v3/', '/v1/'] as const;

/**
 * Starts a harness on 127.0.0.1 and a free port.
 * @param patch context fields to override
 * @returns the harness
 */
export async function startHarness(patch: Partial<OpenAiContext> = {}): Promise<Harness> {
  const events: OpenAiGraphEvent[] = [];
  const waiters: Array<() => void> = [];
  let late = 0;
  const ctx: OpenAiContext = {
    servables: SERVABLES,
    allServableNames: () => ['dummy', 'resnet', ...SERVABLES.map((s) => s.name)],
    apiKey: undefined,
    tokenDelayMs: 0,
    ...patch,
    onGraphEvent: (e) => {
      events.push(e);
      for (const w of waiters.splice(0)) w();
    },
  };
  const server = createServer((req, res) => {
    watchLateWrites(res, () => {
      late += 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const prefix = PREFIXES.find((p) => path.startsWith(p));
      const method = req.method === 'GET' || req.method === 'POST' ? req.method : undefined;
      if (prefix === undefined || method === undefined) {
        res.writeHead(400).end();
        return;
      }
      void handleOpenAi(
        ctx,
        { method, subpath: path.slice(prefix.length), headers: req.headers, body: Buffer.concat(chunks) },
        res,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    lateWrites: () => late,
    eventCount: (n, timeoutMs = 2000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${n} graph events, got ${events.length}`)), timeoutMs);
        const check = (): void => {
          if (events.length >= n) {
            clearTimeout(timer);
            resolve();
          } else {
            waiters.push(check);
          }
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function watchLateWrites(res: ServerResponse, onLate: () => void): void {
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((...args: unknown[]) => {
    if (closed) onLate();
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    if (closed) onLate();
    return end(...args);
  }) as typeof res.end;
}

/**
 * POSTs JSON (or anything) to the harness.
 * @param h harness
 * @param path full path incl. prefix
 * @param body object (serialized) or raw string
 * @param headers extra headers; Content-Type defaults to application/json
 * @returns the fetch response
 */
export function post(
  h: Harness,
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<Response> {
  return fetch(h.url + path, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
