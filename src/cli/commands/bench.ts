import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getModelMetadataWithShapes } from '../../ops/getModelMetadataWithShapes.js';
import { infer } from '../../ops/infer.js';
import { benchChart } from '../bench/benchChart.js';
import { benchCsv } from '../bench/benchCsv.js';
import { measureLevel, type LevelResult, type WindowSize } from '../bench/measureLevel.js';
import { parseConcurrencyList } from '../bench/parseConcurrencyList.js';
import { zeroInputs } from '../bench/zeroInputs.js';
import type { Command } from '../Command.js';
import { EXIT_CODES } from '../exitCodes.js';
import { formatTable } from '../format/formatTable.js';
import { progressBar } from '../format/progressBar.js';
import { toJsonText } from '../format/toJsonText.js';
import { parseInputSpec } from '../infer/parseInputSpec.js';
import { readInputFiles } from '../infer/readInputFiles.js';
import { numberOption } from '../numberOption.js';
import { usageError } from '../usageError.js';

const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '-');

/** `ovms bench <model>`: a concurrency sweep with perf_analyzer's stability rule. */
export const bench: Command = {
  name: 'bench',
  summary: 'throughput and latency percentiles over a concurrency sweep',
  help: `Usage: ovms bench <model> [--concurrency 1,2,4,8] [--requests <n> | --duration <s>] [options]

For each concurrency level, keeps that many inference requests in flight (each worker sends its
next request when the previous one answers), warms up, then measures in windows until the last 3
windows agree: throughput and mean latency each within ±--stability % of their mean (the rule of
Triton's perf_analyzer). Reports throughput and p50/p90/p95/p99 latency over those 3 windows.
Inputs are zeros shaped after the model's metadata (dynamic dimensions = 1) unless --input is given.
Requests are sent without retries.

Options:
  --concurrency <list>   levels: 1,2,4,8 or a doubling range 1:16 (default 1,2,4,8)
  --requests <n>         a window ends after <n> completed requests (default 100)
  --duration <s>         a window ends after <s> seconds (instead of --requests)
  --warmup <n>           requests per level before measuring (default 20)
  --max-windows <n>      give up on stability after <n> windows (default 10; exit code 5)
  --stability <pct>      allowed deviation in % (default 10)
  --input <[name=]file>  input files as for 'ovms infer' (repeatable)
  --version <v>          a model version
  --csv <file>           write one CSV row per level
  --chart <file.svg>     write an SVG chart of latency and throughput against concurrency

A progress bar is drawn on stderr when it is a terminal.

JSON: {"model", "levels": [{"concurrency", "throughput", "latencyMs": {"p50", "p90", "p95", "p99",
      "avg", "min", "max", "count"}, "requests", "errors", "windows", "stable"}]}`,
  options: {
    concurrency: { type: 'string' },
    requests: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    'max-windows': { type: 'string' },
    stability: { type: 'string' },
    input: { type: 'string', multiple: true },
    version: { type: 'string' },
    csv: { type: 'string' },
    chart: { type: 'string' },
  },
  args: { min: 1, max: 1 },
  async run({ config, values, positionals, json, io, signal, cwd }) {
    const model = positionals[0] as string;
    const version = values.version as string | undefined;
    const levels = parseConcurrencyList(typeof values.concurrency === 'string' ? values.concurrency : '1,2,4,8');
    if (values.requests !== undefined && values.duration !== undefined) throw usageError('give --requests or --duration, not both');
    const duration = numberOption(values, 'duration', { min: 0.01 });
    const window: WindowSize = duration === undefined ? { requests: numberOption(values, 'requests', { min: 1, integer: true, fallback: 100 }) } : { durationMs: duration * 1000 };
    const warmupRequests = numberOption(values, 'warmup', { min: 0, integer: true, fallback: 20 });
    const rule = { windows: 3, tolerance: numberOption(values, 'stability', { min: 0, fallback: 10 }) / 100 };
    const maxWindows = numberOption(values, 'max-windows', { min: rule.windows, integer: true, fallback: 10 });

    const target = { model, ...(version === undefined ? {} : { version }) };
    const meta = await getModelMetadataWithShapes(config, target, { signal });
    const specs = ((values.input as string[] | undefined) ?? []).map(parseInputSpec);
    const inputs = specs.length > 0 ? await readInputFiles(specs, meta.inputs, cwd) : zeroInputs(meta.inputs);
    // No retries (a retried request would count its backoff as latency); inputs were built from the
    // metadata, so per-request validation would only add client time to the measurement.
    const send = (): Promise<unknown> => infer(config, { ...target, inputs }, { signal, retry: false, validate: false });

    const bar = progressBar(io.stderr);
    const results: LevelResult[] = [];
    try {
      for (const [index, concurrency] of levels.entries()) {
        const label = (windowsDone: number): string => `concurrency ${concurrency} (${index + 1}/${levels.length}), window ${Math.min(windowsDone + 1, maxWindows)}`;
        bar.update(index / levels.length, label(0), true);
        const result = await measureLevel({
          concurrency,
          send,
          window,
          warmupRequests,
          maxWindows,
          rule,
          signal,
          onProgress: (windowsDone, fraction) => bar.update((index + Math.min(1, (windowsDone + fraction) / rule.windows)) / levels.length, label(windowsDone)),
        });
        results.push(result);
        if (io.stderr.isTTY !== true && !json) {
          io.stderr.write(`concurrency ${concurrency}: ${result.throughput.toFixed(1)} req/s, p50 ${ms(result.latencyMs.p50)} ms, ${result.stable ? 'stable' : 'UNSTABLE'} after ${result.windows} windows\n`);
        }
      }
    } finally {
      bar.done();
    }

    const csv = values.csv as string | undefined;
    const chart = values.chart as string | undefined;
    if (csv !== undefined) await writeFile(resolve(cwd, csv), benchCsv(results));
    if (chart !== undefined) await writeFile(resolve(cwd, chart), benchChart(results, `ovms bench ${model}${version === undefined ? '' : ` (version ${version})`}`));

    if (json) {
      io.stdout.write(toJsonText({ model, version: version ?? null, window, warmupRequests, stability: rule, levels: results }) + '\n');
    } else {
      io.stdout.write(
        formatTable(
          ['CONCURRENCY', 'REQ/S', 'P50 MS', 'P90 MS', 'P95 MS', 'P99 MS', 'AVG MS', 'ERRORS', 'STABLE'],
          results.map((r) => [
            String(r.concurrency),
            r.throughput.toFixed(1),
            ms(r.latencyMs.p50),
            ms(r.latencyMs.p90),
            ms(r.latencyMs.p95),
            ms(r.latencyMs.p99),
            ms(r.latencyMs.avg),
            String(r.errors),
            r.stable ? 'yes' : `no (${r.windows} windows)`,
          ]),
        ),
      );
      const failed = results.find((r) => r.firstError !== undefined);
      if (failed !== undefined) io.stdout.write(`first error: ${failed.firstError as string}\n`);
      for (const f of [csv, chart]) if (f !== undefined) io.stdout.write(`wrote ${f}\n`);
    }
    return results.every((r) => r.stable) ? EXIT_CODES.ok : EXIT_CODES.check;
  },
};
