/**
 * Reliability, point 1 (issue 7): every fault ends the call with the right `OvmsError` reason and
 * code, retries exactly where the policy says (attempts counted by a counting `fetch` in the client
 * and, where the server survives, by the requests the server received), stays within its timeout
 * budget (timeout × attempts + the longest waits between them), raises no unhandled rejection,
 * and leaves nothing open: each scenario runs in its own child process that must exit by itself
 * within a few seconds of printing its result (`scenarios/fault.ts`).
 *
 * `tests/e2e/kserve-faults.test.ts` checks messages and retry details in-process; this file adds
 * the budget, the clean exit, a server killed mid-request and a stalled stream.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { describeOutcome, runScript } from './childProcess.js';

interface FaultResult {
  readonly transport: string;
  readonly resolved: boolean;
  readonly isOvmsError?: boolean;
  readonly reason?: { readonly _tag: string; readonly [k: string]: unknown };
  readonly code?: string;
  readonly status?: number;
  readonly message?: string;
  readonly attempt?: number;
  readonly fetchCalls: number;
  readonly elapsedMs: number;
  readonly budgetMs: number;
  readonly extra?: Record<string, unknown>;
}

interface ScenarioOutput {
  readonly results: FaultResult[];
  readonly unhandled: string[];
}

/** Scheduling noise on a loaded 2-core machine; the budgets themselves are exact. */
const SLACK_MS = 750;

let server: TestServer;
let refusedUrl: string;

beforeAll(async () => {
  server = await startTestServer({ host: '127.0.0.1', port: 0, receivedLimit: 10_000 });
  refusedUrl = `http://127.0.0.1:${await closedPort()}`;
});

afterAll(async () => {
  await server.close();
});

/** Requests the server received for one call (retries keep the call's X-Request-ID). */
function serverRequests(requestId: string): number {
  return server.received.filter((r) => r.headers['x-request-id'] === requestId).length;
}

interface Expectation {
  readonly tag: string;
  readonly code?: string | readonly string[] | undefined;
  readonly status?: number;
  /** Attempts the client made (fetch calls). */
  readonly attempts: number | ((r: FaultResult) => number);
  /** Requests the test server received; undefined when the call never reached it. */
  readonly atServer?: number;
  readonly url?: 'server' | 'refused';
  readonly minElapsedMs?: number;
  readonly check?: (r: FaultResult) => void;
}

const SCENARIOS: Readonly<Record<string, Expectation>> = {
  // A reset is a network error: retried (idempotent infer), three attempts, all reaching the server.
  resetMidBody: { tag: 'Transport', code: 'ECONNRESET', attempts: 3, atServer: 3, url: 'server' },
  resetBeforeResponse: { tag: 'Transport', code: 'ECONNRESET', attempts: 3, atServer: 3, url: 'server' },
  // A body that arrived whole but is wrong will be wrong again: Decode, never retried.
  truncatedBinary: {
    tag: 'Decode',
    attempts: 1,
    atServer: 1,
    url: 'server',
    check: (r) => expect(r.message).toMatch(/needs 40 bytes of binary data but only 20 remain \(truncated body\)$/),
  },
  headerLengthTooLong: {
    tag: 'Decode',
    attempts: 1,
    atServer: 1,
    url: 'server',
    check: (r) => expect(r.message).toMatch(/^infer: inference-header-content-length "\d+" does not fit a body of \d+ bytes$/),
  },
  headerLengthShort: { tag: 'Decode', attempts: 1, atServer: 1, url: 'server', check: (r) => expect(r.message).toMatch(/^infer: the server's answer is not valid JSON/) },
  // 503 + Retry-After: 1 s on every attempt: retried twice, each wait capped at maxRetryAfterMs (250).
  storm503: {
    tag: 'Status',
    status: 503,
    attempts: 3,
    atServer: 3,
    url: 'server',
    minElapsedMs: 2 * 250 - 20,
    check: (r) => expect(r.reason).toEqual({ _tag: 'Status', status: 503, serverMessage: 'Server is not ready', retryAfterMs: 1000 }),
  },
  latency: { tag: 'Timeout', code: 'ETIMEDOUT', attempts: 3, atServer: 3, url: 'server', minElapsedMs: 3 * 600 - 15 },
  // A stream is retried only until its headers arrive; a stall after two chunks ends with the idle timeout.
  stalledStream: {
    tag: 'Timeout',
    code: 'ETIMEDOUT',
    attempts: 1,
    atServer: 1,
    url: 'server',
    minElapsedMs: 290,
    check: (r) => {
      expect(r.reason).toEqual({ _tag: 'Timeout', timeoutMs: 300 });
      expect(r.extra?.['chunks']).toBe(2);
    },
  },
  refusedPort: { tag: 'Transport', code: 'ECONNREFUSED', attempts: 3, url: 'refused' },
  // `.invalid` never resolves (RFC 6761): ENOTFOUND is permanent (1 attempt); a sandbox without any
  // resolver fails with EAI_AGAIN, which is transient and retried.
  unresolvableHost: { tag: 'Transport', code: ['ENOTFOUND', 'EAI_AGAIN'], attempts: (r) => (r.code === 'ENOTFOUND' ? 1 : 3) },
  // The server process is SIGKILLed while it holds the request: the first attempt breaks (reset),
  // the retries find the port closed.
  serverKilled: {
    tag: 'Transport',
    code: 'ECONNREFUSED',
    attempts: 3,
    check: (r) => {
      expect(r.extra?.['serverKilledBy']).toBe('SIGKILL');
      const retried = r.extra?.['retried'] as string[];
      expect(retried).toHaveLength(2);
      expect(retried[0]).toMatch(/\(ECONNRESET\)/);
      expect(retried[1]).toMatch(/\(ECONNREFUSED\)/);
    },
  },
};

describe('faults, each scenario in its own process (ky, then fetch)', () => {
  it.concurrent.each(Object.keys(SCENARIOS))('%s', async (scenario) => {
    const expectation = SCENARIOS[scenario] as Expectation;
    const prefix = `rel-${scenario}`;
    const url = expectation.url === 'server' ? server.url : expectation.url === 'refused' ? refusedUrl : '-';
    const outcome = await runScript<ScenarioOutput>('scenarios/fault.ts', [scenario, url, prefix], { deadlineMs: 60_000, exitWithinMs: 5_000 });
    const why = describeOutcome(outcome);
    // (d) no open handle: the process ended on its own, cleanly, soon after its result.
    expect(outcome.exitedByItself, why).toBe(true);
    expect(outcome.code, why).toBe(0);
    expect(outcome.result, why).toBeDefined();
    const { results, unhandled } = outcome.result as ScenarioOutput;
    // (d) no unhandled rejection
    expect(unhandled).toEqual([]);
    expect(results.map((r) => r.transport)).toEqual(['ky', 'fetch']);
    for (const r of results) {
      const context = `${scenario} over ${r.transport}: ${JSON.stringify(r)}`;
      // (a) the right reason and code
      expect(r.resolved, context).toBe(false);
      expect(r.isOvmsError, context).toBe(true);
      expect(r.reason?._tag, context).toBe(expectation.tag);
      if (expectation.code === undefined) expect(r.code, context).toBeUndefined();
      else if (typeof expectation.code === 'string') expect(r.code, context).toBe(expectation.code);
      else expect(expectation.code, context).toContain(r.code);
      if (expectation.status !== undefined) expect(r.status, context).toBe(expectation.status);
      // (b) retries only where the policy says
      const attempts = typeof expectation.attempts === 'function' ? expectation.attempts(r) : expectation.attempts;
      expect(r.fetchCalls, context).toBe(attempts);
      if (scenario !== 'stalledStream') expect(r.attempt ?? 1, context).toBe(attempts);
      if (expectation.atServer !== undefined) expect(serverRequests(`${prefix}-${r.transport}`), context).toBe(expectation.atServer);
      // (c) within the timeout budget
      expect(r.elapsedMs, context).toBeLessThanOrEqual(r.budgetMs + SLACK_MS);
      if (expectation.minElapsedMs !== undefined) expect(r.elapsedMs, context).toBeGreaterThanOrEqual(expectation.minElapsedMs);
      expectation.check?.(r);
    }
  });
});

/** A loopback port that was just free and is now closed. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => s.close((e) => (e ? reject(e) : resolve())));
  return port;
}
