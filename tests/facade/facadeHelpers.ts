/**
 * Shared helpers of the facade tests: environment isolation (the facade reads `OVMS_*` variables
 * at construction), test servers that are closed after each test or file, and what a server
 * received. Nothing here reads outside the repository.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { isOvmsError, type OvmsError } from '../../src/api_backends/index.js';
import { defaultConfig, startTestServer, type ReceivedRequest, type TestServer, type TestServerOptions } from '../../src/testing/index.js';

/** Every environment variable the facade reads. */
export const OVMS_ENV_VARS = ['OVMS_API_URL', 'OVMS_MODEL', 'OVMS_VERSION', 'OVMS_PRECISION', 'OVMS_API_KEY', 'OVMS_TIMEOUT', 'OVMS_CONFIG_PATH'] as const;

/**
 * Clears the `OVMS_*` variables before each test and puts the previous values back after it, so a
 * developer's shell cannot leak into a test and a test's `process.env` edits cannot leak out.
 */
export function isolateOvmsEnv(): void {
  let saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    saved = Object.fromEntries(OVMS_ENV_VARS.map((k) => [k, process.env[k]]));
    for (const k of OVMS_ENV_VARS) delete process.env[k];
  });
  afterEach(() => {
    for (const k of OVMS_ENV_VARS) {
      const v = saved[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

/** Enough history that `received` always holds every request of a test. */
export const RECEIVED_LIMIT = 100_000;

const perTest: (() => Promise<void>)[] = [];
const perFile: (() => Promise<void>)[] = [];
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  // Last registered, first cleaned: a server closes before its config folder is removed.
  afterEach(async () => {
    for (const f of perTest.splice(0).reverse()) await f();
  });
  afterAll(async () => {
    for (const f of perFile.splice(0).reverse()) await f();
  });
}

/** Registers the cleanup hooks of this file; call it at the top level of a test file that starts servers. */
export function useServerCleanup(): void {
  hook();
}

/** A test server closed after the current test (the file must call `useServerCleanup()`). */
export async function freshServer(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer({ receivedLimit: RECEIVED_LIMIT, ...options });
  perTest.push(() => server.close());
  return server;
}

/** A test server closed after the file (start it in `beforeAll`). */
export async function fileServer(options: TestServerOptions = {}): Promise<TestServer> {
  const server = await startTestServer({ receivedLimit: RECEIVED_LIMIT, ...options });
  perFile.push(() => server.close());
  return server;
}

/** The URL of a port where nothing listens any more (a server that was started and closed). */
export async function closedPortUrl(): Promise<string> {
  const server = await startTestServer();
  const url = server.url;
  await server.close();
  return url;
}

/** A copy of the test server's default config.json in a temporary folder, removed after the test (needs `useServerCleanup()`). */
export function tempDefaultConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ovms-facade-'));
  const path = join(dir, 'config.json');
  writeFileSync(path, `${JSON.stringify(defaultConfig(), null, 2)}\n`);
  perTest.push(async () => rmSync(dir, { recursive: true, force: true }));
  return path;
}

/** The `config` object of one model in a config.json file. */
export function modelEntryOf(path: string, model: string): Record<string, unknown> | undefined {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { model_config_list: { config: Record<string, unknown> }[] };
  return doc.model_config_list.find((m) => m.config['name'] === model)?.config;
}

/** The requests the server received since `mark` (an earlier `server.requestCount`). */
export function receivedSince(server: TestServer, mark = 0): ReceivedRequest[] {
  if (server.received.length !== server.requestCount) throw new Error('received history was trimmed: raise receivedLimit');
  return server.received.slice(mark);
}

/** `METHOD url` of each request the server received since `mark`. */
export function routesSince(server: TestServer, mark = 0): string[] {
  return receivedSince(server, mark).map((r) => `${r.method} ${r.url}`);
}

/** `rejectionOf`: the `OvmsError` a call rejects with (shared with the other suites). */
export { rejectionOf } from '../helpers/ovmsClient.js';

/** The error a synchronous call throws, which must be an `OvmsError`. */
export function thrownBy(f: () => unknown): OvmsError {
  try {
    f();
  } catch (error) {
    if (isOvmsError(error)) return error;
    throw new Error(`expected an OvmsError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to throw');
}

/** Every chunk of an async generator. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of stream) out.push(x);
  return out;
}

/** A `fetch` that counts calls and the most calls in flight at once. */
export function countingFetch(): { readonly fetch: typeof fetch; readonly calls: () => number; readonly maxInFlight: () => number } {
  let calls = 0;
  let inFlight = 0;
  let max = 0;
  const wrapped: typeof fetch = async (input, init) => {
    calls += 1;
    inFlight += 1;
    max = Math.max(max, inFlight);
    try {
      return await fetch(input, init);
    } finally {
      inFlight -= 1;
    }
  };
  return { fetch: wrapped, calls: () => calls, maxInFlight: () => max };
}

/** A chunk of an embedding from `bert`: 16 finite numbers. */
export function isEmbedding(row: unknown): boolean {
  return Array.isArray(row) && row.length === 16 && row.every((x) => typeof x === 'number' && Number.isFinite(x));
}
