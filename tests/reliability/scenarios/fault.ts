/**
 * One fault scenario, run in its own process by `faults.test.ts`:
 *
 *   node --import tsx scenarios/fault.ts <scenario> <serverUrl|-> <requestIdPrefix>
 *
 * For each transport (ky, then fetch) it makes one call that meets the fault; then it prints one
 * JSON line (per transport: the error's reason, code, attempt, how many attempts the transport
 * made, the elapsed time and the budget; the request id is `<prefix>-<transport>`), and must exit by
 * itself: nothing may keep the event loop alive afterwards. Unhandled rejections are recorded (and
 * set a failing exit code, also when they come after the JSON line).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createConfig, getServerLive, infer, isOvmsError, streamChatCompletion, type ClientConfig } from '../../../src/ovms.js';
import { FAULT_HEADER, type FaultSpec } from '../../../src/testing/index.js';

const unhandled: string[] = [];
process.on('unhandledRejection', (reason) => {
  unhandled.push(String(reason));
  process.stderr.write(`unhandledRejection: ${String(reason)}\n`);
  process.exitCode = 70;
});

const [scenario = '', urlArg = '-', requestIdPrefix = 'reliability'] = process.argv.slice(2);
let transport: 'ky' | 'fetch' = 'ky';
let requestId = requestIdPrefix;

/** Fixed retry timings (no jitter), so the budget is exact. */
const RETRY = { maxRetries: 2, baseDelayMs: 20, maxDelayMs: 40, maxRetryAfterMs: 250, jitter: 0 } as const;
const TIMEOUT = 1_500;
const dummy = { model: 'dummy', inputs: [{ name: 'b', data: new Float32Array(10), shape: [1, 10], datatype: 'FP32' as const }] };
const fault = (spec: FaultSpec): Record<string, string> => ({ [FAULT_HEADER]: JSON.stringify(spec) });

interface Outcome {
  readonly scenario: string;
  readonly transport: string;
  readonly resolved: boolean;
  readonly isOvmsError?: boolean;
  readonly name?: string;
  readonly reason?: unknown;
  readonly code?: string | undefined;
  readonly status?: number | undefined;
  readonly message?: string;
  readonly attempt?: number | undefined;
  /** Attempts as the transport saw them (a counting `fetch`). */
  readonly fetchCalls: number;
  readonly elapsedMs: number;
  /** timeout × attempts + the longest possible waits between them. */
  readonly budgetMs: number;
  readonly extra?: Record<string, unknown>;
}

let fetchCalls = 0;
const countingFetch: typeof fetch = (input, init) => {
  fetchCalls += 1;
  return fetch(input, init);
};

function configFor(baseUrl: string, extra: Partial<Parameters<typeof createConfig>[0]> = {}): ClientConfig {
  return createConfig({ baseUrl, transport, retry: RETRY, timeout: TIMEOUT, validate: false, fetch: countingFetch, ...extra });
}

/** The longest a call may take: every attempt times out, every wait is the longest the policy allows. */
function budget(timeout: number, maxRetries: number, longestWaitMs: number): number {
  return timeout * (maxRetries + 1) + longestWaitMs * maxRetries;
}

async function settle(run: () => Promise<unknown>, budgetMs: number, extra?: () => Record<string, unknown>): Promise<Outcome> {
  const started = performance.now();
  try {
    await run();
    return { scenario, transport, resolved: true, fetchCalls, elapsedMs: performance.now() - started, budgetMs, ...(extra ? { extra: extra() } : {}) };
  } catch (error) {
    const elapsedMs = performance.now() - started;
    const e = error as { name?: string; reason?: unknown; code?: string; status?: number; message?: string; request?: { attempt?: number } };
    return {
      scenario,
      transport,
      resolved: false,
      isOvmsError: isOvmsError(error),
      ...(e.name === undefined ? {} : { name: e.name }),
      reason: e.reason,
      code: e.code,
      status: e.status,
      message: e.message ?? String(error),
      attempt: e.request?.attempt,
      fetchCalls,
      elapsedMs,
      budgetMs,
      ...(extra ? { extra: extra() } : {}),
    };
  }
}

/** Starts the test server's CLI in a child process of this one; resolves with its URL. */
function startServerProcess(): Promise<{ url: string; child: ChildProcess }> {
  const cli = fileURLToPath(new URL('../../../src/testing/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line !== undefined) {
        child.stdout?.removeAllListeners('data');
        // Nothing more is read: let the pipe go so that it cannot keep this process alive.
        child.stdout?.destroy();
        resolve({ url: line.trim(), child });
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`test server exited early with ${String(code)}`)));
  });
}

async function main(): Promise<Outcome> {
  const url = urlArg;
  const maxWait = RETRY.maxDelayMs;
  switch (scenario) {
    case 'resetMidBody':
      return settle(() => infer(configFor(url), dummy, { requestId, headers: fault({ reset: 'midBody' }) }), budget(TIMEOUT, 2, maxWait));
    case 'resetBeforeResponse':
      return settle(() => infer(configFor(url), dummy, { requestId, headers: fault({ reset: 'beforeResponse' }) }), budget(TIMEOUT, 2, maxWait));
    case 'truncatedBinary':
      return settle(() => infer(configFor(url), dummy, { requestId, binaryOutput: 'a', headers: fault({ truncateBinary: true }) }), budget(TIMEOUT, 2, maxWait));
    case 'headerLengthTooLong':
      return settle(() => infer(configFor(url), dummy, { requestId, binaryOutput: 'a', headers: fault({ headerLengthDelta: 1_000_000 }) }), budget(TIMEOUT, 2, maxWait));
    case 'headerLengthShort':
      return settle(() => infer(configFor(url), dummy, { requestId, binaryOutput: 'a', headers: fault({ headerLengthDelta: -5 }) }), budget(TIMEOUT, 2, maxWait));
    case 'storm503':
      // Every attempt meets a 503 with Retry-After: 1 (s); the policy caps each wait at 250 ms.
      return settle(
        () => infer(configFor(url), dummy, { requestId, headers: fault({ status: 503, retryAfter: 1 }) }),
        budget(TIMEOUT, 2, RETRY.maxRetryAfterMs),
      );
    case 'latency':
      return settle(
        () => infer(configFor(url, { timeout: 600 }), dummy, { requestId, headers: fault({ latencyMs: 5_000 }) }),
        budget(600, 2, maxWait),
      );
    case 'refusedPort':
      return settle(() => infer(configFor(url), dummy, { requestId }), budget(TIMEOUT, 2, maxWait));
    case 'unresolvableHost':
      return settle(() => infer(configFor('http://ovms-reliability.invalid'), dummy, { requestId }), budget(TIMEOUT, 2, maxWait));
    case 'stalledStream': {
      const chunks: string[] = [];
      const idleTimeout = 300;
      return settle(
        async () => {
          const stream = streamChatCompletion(
            // With a key, the stream also passes through the redacting copy (src/errors/redactSecrets.ts).
            configFor(url, { apiKey: 'sk-reliability-stream' }),
            { model: 'llama3', messages: [{ role: 'user', content: 'Tell me a long story' }], max_tokens: 50 },
            { requestId, idleTimeout, headers: fault({ stallAfterChunks: 2 }) },
          );
          for await (const chunk of stream) chunks.push(JSON.stringify(chunk).slice(0, 40));
        },
        // Headers within the timeout, then at most one idle period per chunk gap; never retried after headers.
        TIMEOUT + idleTimeout,
        () => ({ chunks: chunks.length }),
      );
    }
    case 'serverKilled': {
      const { url: serverUrl, child } = await startServerProcess();
      const retried: string[] = [];
      const c = configFor(serverUrl, { logger: { debug: (_m, data) => retried.push(String(data?.['error'])) } });
      // A first call opens the (keep-alive) connection, so the infer below is in flight at once.
      await getServerLive(c);
      fetchCalls = 0;
      // The server holds the request for 5 s; it is killed (SIGKILL) 500 ms into it.
      const killer = setTimeout(() => child.kill('SIGKILL'), 500);
      const outcome = await settle(() => infer(c, dummy, { requestId, headers: fault({ latencyMs: 5_000 }) }), budget(TIMEOUT, 2, maxWait), () => ({
        retried,
        serverKilledBy: child.signalCode,
      }));
      clearTimeout(killer);
      return outcome;
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

const results: Outcome[] = [];
for (const t of ['ky', 'fetch'] as const) {
  transport = t;
  requestId = `${requestIdPrefix}-${t}`;
  fetchCalls = 0;
  results.push(await main());
}
// A grace period so that a late unhandled rejection is recorded before the line is printed.
await new Promise((resolve) => setTimeout(resolve, 100));
process.stdout.write(`${JSON.stringify({ results, unhandled, resources: process.getActiveResourcesInfo() })}\n`);
