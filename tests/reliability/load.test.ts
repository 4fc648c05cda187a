/**
 * Reliability, point 6 (issue 7): load and soak. 20,000 inferences at concurrency 64 against the
 * test server running in another process (so that the server does not share the client's event
 * loop), the client also in its own process (run with `--expose-gc`, so the heap is measured after
 * a full GC). Zero failures; the heap does not grow from after warm-up to the end; the sockets
 * stay bounded by the concurrency, not by the number of calls; p50/p99 latency are reported.
 *
 * `RELIABILITY_LOAD_TOTAL` overrides the number of calls (e.g. on a machine much slower than 2 idle cores).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOutcome, runScript, startServerProcess, type ServerProcess } from './childProcess.js';

const TOTAL = Number(process.env['RELIABILITY_LOAD_TOTAL'] ?? 20_000);
const CONCURRENCY = 64;

interface LoadResult {
  readonly transport: string;
  readonly total: number;
  readonly failures: number;
  readonly firstFailure?: string;
  readonly wrong: number;
  readonly unhandled: string[];
  readonly elapsedMs: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly heapAfterWarmupMB: number;
  readonly heapAtEndMB: number;
  readonly heapGrowthMB: number;
  readonly maxSockets: number;
  readonly socketsAtEnd: number;
}

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess();
});

afterAll(async () => {
  await server?.stop();
});

it(`${TOTAL} inferences at concurrency ${CONCURRENCY} (default ky transport): no failure, bounded heap and sockets`, { timeout: 170_000 }, async () => {
  const outcome = await runScript<LoadResult>('scenarios/load.ts', [server.url, String(TOTAL), String(CONCURRENCY), 'ky'], {
    nodeFlags: ['--expose-gc'],
    deadlineMs: 165_000,
    exitWithinMs: 5_000,
  });
  const why = describeOutcome(outcome);
  expect(outcome.exitedByItself, why).toBe(true);
  expect(outcome.code, why).toBe(0);
  const r = outcome.result as LoadResult;
  // The figures, for the report.
  console.log(
    `load: ${r.total} calls at concurrency ${CONCURRENCY} in ${r.elapsedMs} ms (${r.perSecond}/s); latency p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms, max ${r.max} ms; ` +
      `heap after GC ${r.heapAfterWarmupMB} MB after warm-up → ${r.heapAtEndMB} MB at the end (${r.heapGrowthMB} MB); sockets: at most ${r.maxSockets}, ${r.socketsAtEnd} idle at the end`,
  );
  expect(r.failures, r.firstFailure).toBe(0);
  expect(r.wrong).toBe(0);
  expect(r.unhandled).toEqual([]);
  expect(r.total).toBe(TOTAL);
  // No leak: 19,000 calls after warm-up leave the heap where it was (a leak of even 1 KB per call would add ~19 MB).
  expect(r.heapGrowthMB).toBeLessThan(8);
  // Sockets follow the concurrency (undici may open a few more while others are being released), not the call count.
  expect(r.maxSockets).toBeLessThanOrEqual(3 * CONCURRENCY);
  expect(r.socketsAtEnd).toBeLessThanOrEqual(2 * CONCURRENCY);
});
