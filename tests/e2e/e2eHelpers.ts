/**
 * Shared helpers of the end-to-end tests: the functional client against the project's own
 * OVMS-compatible test server over real HTTP on 127.0.0.1.
 */
import { afterAll, beforeAll } from 'vitest';
import { createConfig, type ClientConfig } from '../../src/ovms.js';
import { FAULT_HEADER, startTestServer, type FaultSpec, type ReceivedRequest, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, rejectionOf } from '../helpers/ovmsClient.js';

/** `FAST_RETRY` (fast retries) and `rejectionOf` (the `OvmsError` a call rejects with) are shared with the other suites. */
export { FAST_RETRY, rejectionOf };

/** Enough `received` history that `received.slice(mark)` never loses a request within a file. */
export const RECEIVED_LIMIT = 100_000;

/**
 * Starts a test server on 127.0.0.1 before the file's tests and closes it after them; `use` gets the
 * server and a client config for it (fast retries). Call it at the top level of a test file.
 */
export function useFileServer(use: (server: TestServer, config: ClientConfig) => void): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ host: '127.0.0.1', port: 0, receivedLimit: RECEIVED_LIMIT });
    use(server, createConfig({ baseUrl: server.url, retry: FAST_RETRY }));
  });
  afterAll(async () => {
    await server?.close();
  });
}

/** The per-call headers that carry a fault for the test server. */
export function faultHeaders(spec: FaultSpec): Record<string, string> {
  return { [FAULT_HEADER]: JSON.stringify(spec) };
}

/** The requests the server received since `mark` (a previous `server.requestCount`). */
export function receivedSince(server: TestServer, mark: number): ReceivedRequest[] {
  if (server.received.length !== server.requestCount) throw new Error('received history was trimmed: raise receivedLimit');
  return server.received.slice(mark);
}

/** The `POST …/infer` requests the server received since `mark`, as `METHOD path` lines kept in order. */
export function inferRequestsSince(server: TestServer, mark: number): ReceivedRequest[] {
  return receivedSince(server, mark).filter((r) => r.method === 'POST' && /\/infer$/.test(r.url));
}

/** `METHOD url` of each request the server received since `mark`. */
export function routesSince(server: TestServer, mark: number): string[] {
  return receivedSince(server, mark).map((r) => `${r.method} ${r.url}`);
}

/**
 * The JSON header of a received infer request: the whole body for JSON, the first
 * `Inference-Header-Content-Length` bytes for a binary request.
 */
export function inferHeaderOf(r: ReceivedRequest): Record<string, unknown> {
  const declared = r.headers['inference-header-content-length'];
  const n = typeof declared === 'string' ? Number(declared) : r.body.length;
  return JSON.parse(r.body.subarray(0, n).toString('utf8')) as Record<string, unknown>;
}

/** A `fetch` that records the status and headers of every response, for asserting what the server sent. */
export function recordingFetch(): { readonly fetch: typeof fetch; readonly responses: { status: number; headers: Headers; url: string }[] } {
  const responses: { status: number; headers: Headers; url: string }[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    responses.push({ status: res.status, headers: res.headers, url: res.url });
    return res;
  };
  return { fetch: wrapped, responses };
}
