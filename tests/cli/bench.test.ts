import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_CSV_COLUMNS } from '../../src/cli/bench/benchCsv.js';
import { EXIT_CODES } from '../../src/cli/exitCodes.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { runCli } from './runCli.js';
import { wellFormedXml } from './wellFormedXml.js';

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'ovms-cli-bench-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ovms bench', () => {
  it('sweeps concurrency at small counts and writes a CSV and an SVG chart that parses', async () => {
    // --stability 200 makes every 3 windows "stable" (no value can exceed 3× the mean of 3), so the
    // run ends after 3 windows per level and the exit code does not depend on this machine's noise.
    const r = await runCli(
      ['bench', 'dummy', '--concurrency', '1,2,4', '--requests', '8', '--warmup', '2', '--stability', '200', '--csv', 'bench.csv', '--chart', 'bench.svg', '--json'],
      { url: server.url, cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { model: string; levels: { concurrency: number; throughput: number; requests: number; errors: number; windows: number; stable: boolean; latencyMs: { count: number; p50: number; p90: number; p95: number; p99: number } }[] };
    expect(out.model).toBe('dummy');
    expect(out.levels.map((l) => l.concurrency)).toEqual([1, 2, 4]);
    for (const l of out.levels) {
      expect(l).toMatchObject({ requests: 24, errors: 0, windows: 3, stable: true });
      expect(l.throughput).toBeGreaterThan(0);
      expect(l.latencyMs.count).toBe(24);
      expect(l.latencyMs.p50).toBeLessThanOrEqual(l.latencyMs.p90);
      expect(l.latencyMs.p90).toBeLessThanOrEqual(l.latencyMs.p95);
      expect(l.latencyMs.p95).toBeLessThanOrEqual(l.latencyMs.p99);
    }

    const csv = readFileSync(join(dir, 'bench.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(BENCH_CSV_COLUMNS.join(','));
    expect(csv.slice(1).map((row) => row.split(',')[0])).toEqual(['1', '2', '4']);
    expect(csv.slice(1).every((row) => row.split(',').length === BENCH_CSV_COLUMNS.length && row.endsWith(',24,0,3,true'))).toBe(true);

    const svg = readFileSync(join(dir, 'bench.svg'), 'utf8');
    expect(wellFormedXml(svg)).toBe('svg');
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('<title>ovms bench dummy</title>');
    expect(svg.match(/<polyline /g)).toHaveLength(5); // p50, p90, p95, p99, throughput
  });

  it('prints a table, and a per-level line on a non-terminal stderr', async () => {
    const r = await runCli(['bench', 'dummy', '--concurrency', '1:2', '--requests', '5', '--warmup', '0', '--stability', '200'], { url: server.url });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^CONCURRENCY\s+REQ\/S\s+P50 MS\s+P90 MS\s+P95 MS\s+P99 MS\s+AVG MS\s+ERRORS\s+STABLE$/);
    expect(r.stdout).toMatch(/^\s+1\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+0\s+yes$/m);
    expect(r.stderr).toMatch(/^concurrency 1: [\d.]+ req\/s, p50 [\d.]+ ms, stable after 3 windows\nconcurrency 2: /);
  });

  it('draws a progress bar on a terminal stderr, and erases it at the end', async () => {
    const r = await runCli(['bench', 'dummy', '--concurrency', '1', '--requests', '5', '--warmup', '0', '--stability', '200'], { url: server.url, ttyStderr: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[------------------------]   0% concurrency 1 (1/1), window 1');
    expect(r.stderr.endsWith('\x1b[2K')).toBe(true);
  });

  it('exits 5 when a level never becomes stable within --max-windows', async () => {
    // Tolerance 0: three windows never have exactly equal latencies.
    const r = await runCli(['bench', 'dummy', '--concurrency', '1', '--requests', '3', '--warmup', '0', '--stability', '0', '--max-windows', '3', '--json'], { url: server.url });
    expect(r.code).toBe(EXIT_CODES.check);
    expect(JSON.parse(r.stdout)).toMatchObject({ levels: [{ stable: false, windows: 3 }] });
  });

  it('fails fast on an unknown model (3) and on a model it cannot make inputs for (4)', async () => {
    expect((await runCli(['bench', 'nosuch', '--requests', '3'], { url: server.url })).code).toBe(EXIT_CODES.server);
    const graph = await runCli(['bench', 'llama3', '--requests', '3'], { url: server.url });
    expect(graph.code).toBe(EXIT_CODES.input);
    expect(graph.stderr).toContain('give --input files');
  });
});
