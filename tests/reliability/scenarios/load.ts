/**
 * The load and soak client, run in its own process by `load.test.ts` (with `--expose-gc`):
 *
 *   node --expose-gc --import tsx scenarios/load.ts <serverUrl> <total> <concurrency> <ky|fetch>
 *
 * Runs `total` inferences of the `dummy` model, `concurrency` at a time, against a test server in
 * another process, and prints one JSON line: failures, latency percentiles, heap after GC (after
 * warm-up and at the end), the most sockets open at once, and what is still open at the end.
 */
import { createConfig, infer, type TransportChoice } from '../../../src/ovms.js';

const [url = '', totalArg = '20000', concurrencyArg = '64', transport = 'ky'] = process.argv.slice(2);
const total = Number(totalArg);
const concurrency = Number(concurrencyArg);
const WARMUP = Math.min(1_000, Math.floor(total / 10));

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const unhandled: string[] = [];
process.on('unhandledRejection', (reason) => {
  unhandled.push(String(reason));
  process.exitCode = 70;
});

const config = createConfig({ baseUrl: url, transport: transport as TransportChoice, timeout: 10_000 });
const input = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

const sockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const latencies = new Float64Array(total);
let failures = 0;
let firstFailure: string | undefined;
let wrong = 0;
let maxSockets = 0;
let next = 0;
let heapAfterWarmup = 0;
let warmupDone: Promise<void> | undefined;

async function one(i: number): Promise<void> {
  const started = performance.now();
  try {
    const result = await infer(config, { model: 'dummy', inputs: { b: input } });
    const data = result.outputs[0]?.data as Float32Array | undefined;
    if (data?.[9] !== 10) wrong += 1;
  } catch (error) {
    failures += 1;
    firstFailure ??= String(error);
  }
  latencies[i] = performance.now() - started;
}

async function worker(): Promise<void> {
  while (next < total) {
    const i = next++;
    if (i === WARMUP) {
      // Measure the heap once the warm-up calls are done (pools, caches and JIT have settled).
      warmupDone = (async () => {
        await new Promise((r) => setTimeout(r, 0));
        heapAfterWarmup = heapAfterGc();
      })();
    }
    await one(i);
    if ((i & 255) === 0) maxSockets = Math.max(maxSockets, sockets());
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsedMs = performance.now() - started;
await warmupDone;
const heapAtEnd = heapAfterGc();

const sorted = Array.from(latencies).sort((a, b) => a - b);
const pct = (p: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) * 100) / 100;

process.stdout.write(
  `${JSON.stringify({
    transport,
    total,
    concurrency,
    failures,
    firstFailure,
    wrong,
    unhandled,
    elapsedMs: Math.round(elapsedMs),
    perSecond: Math.round((total / elapsedMs) * 1000),
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: pct(100),
    heapAfterWarmupMB: Math.round((heapAfterWarmup / 2 ** 20) * 10) / 10,
    heapAtEndMB: Math.round((heapAtEnd / 2 ** 20) * 10) / 10,
    heapGrowthMB: Math.round(((heapAtEnd - heapAfterWarmup) / 2 ** 20) * 10) / 10,
    maxSockets,
    socketsAtEnd: sockets(),
    resourcesAtEnd: process.getActiveResourcesInfo(),
  })}\n`,
);
