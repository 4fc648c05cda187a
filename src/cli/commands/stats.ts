import { clearScreenDown, cursorTo } from 'node:readline';
import { isOvmsErrorReason } from '../../errors/OvmsError.js';
import { sleep } from '../../core/sleep.js';
import { getServerStatistics } from '../../ops/getServerStatistics.js';
import type { ServerStatistics } from '../../protocols/metrics/ServerStatistics.js';
import type { Command } from '../Command.js';
import { EXIT_CODES } from '../exitCodes.js';
import { formatTable } from '../format/formatTable.js';
import { toJsonText } from '../format/toJsonText.js';
import { numberOption } from '../numberOption.js';
import { usageError } from '../usageError.js';

const DEFAULT_WATCH_SECONDS = 2;

const n = (x: number | undefined, digits = 0): string => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));

/** The human-readable view of one scrape. */
function statsText(stats: ServerStatistics, all: boolean): string {
  const lines = [
    `server         ${stats.serverName} ${stats.serverVersion}`,
    `active models  ${stats.activeModels}`,
    `requests       ${n(stats.totalRequests)} total, ${n(stats.failedRequests)} failed, ${n(stats.inferenceRequests)} inference`,
    `requests/s     ${n(stats.requestsPerSecond, 1)}`,
    `avg request    ${n(stats.avgRequestTimeMs, 3)} ms`,
    `avg inference  ${n(stats.avgInferenceTimeMs, 3)} ms`,
  ];
  const models = Object.values(stats.models)
    .filter((m) => all || (m.requests ?? 0) > 0)
    .sort((a, b) => a.model.localeCompare(b.model));
  let text = lines.join('\n') + '\n';
  if (models.length > 0) {
    text +=
      '\n' +
      formatTable(
        ['MODEL', 'REQUESTS', 'FAILED', 'INFER', 'REQ/S', 'AVG REQ MS', 'AVG INFER MS', 'IN FLIGHT'],
        models.map((m) => [m.model, n(m.requests), n(m.failures), n(m.inferenceRequests), n(m.requestsPerSecond, 1), n(m.avgRequestTimeMs, 3), n(m.avgInferenceTimeMs, 3), n(m.currentRequests)]),
      );
  }
  return text;
}

/** `ovms stats [--watch [seconds]]`: server figures from `/metrics`, `/v2` and `/v1/config`. */
export const stats: Command = {
  name: 'stats',
  summary: 'request counts, rates and latencies from /metrics, optionally refreshed',
  help: `Usage: ovms stats [--watch [seconds]] [--count <n>] [--all] [--json]

Reads GET /metrics (OVMS needs --metrics_enable), /v2 and /v1/config. Requests per second need two
scrapes: they appear from the second refresh of --watch on.

Options:
  --watch [seconds]   refresh every <seconds> (default ${DEFAULT_WATCH_SECONDS}) until Ctrl-C
  --count <n>         stop after <n> refreshes
  --all               list every servable, also those without requests

JSON: the statistics object (one line per refresh with --watch): serverName, serverVersion,
      activeModels, totalRequests, failedRequests, inferenceRequests, requestsPerSecond,
      avgRequestTimeMs, avgInferenceTimeMs, models{<name>: {...}}`,
  options: { watch: { type: 'boolean' }, count: { type: 'string' }, all: { type: 'boolean' } },
  // `--watch 5`: parseArgs has no optional option values, so the seconds come as a positional.
  args: { min: 0, max: 1 },
  async run({ config, values, positionals, json, io, signal }) {
    const watch = values.watch === true;
    if (!watch && positionals.length > 0) throw usageError(`unexpected argument '${String(positionals[0])}' (did you mean --watch ${String(positionals[0])}?)`);
    const seconds = numberOption({ watch: positionals[0] }, 'watch', { min: 0.05, fallback: DEFAULT_WATCH_SECONDS });
    const count = numberOption(values, 'count', { min: 1, integer: true, fallback: watch ? Number.POSITIVE_INFINITY : 1 });
    const all = values.all === true;
    let previous: ServerStatistics['snapshot'] | undefined;
    for (let k = 0; k < count; k += 1) {
      if (k > 0) {
        try {
          await sleep(seconds * 1000, signal);
        } catch (error) {
          // Ctrl-C is how a watch normally ends.
          if (isOvmsErrorReason(error, 'Aborted')) return EXIT_CODES.ok;
          throw error;
        }
      }
      const current = await getServerStatistics(config, { signal, ...(previous === undefined ? {} : { previous }) });
      previous = current.snapshot;
      const { snapshot: _snapshot, ...figures } = current;
      if (json) {
        io.stdout.write(toJsonText(figures, watch ? 0 : 2) + '\n');
      } else if (watch && io.stdout.isTTY === true) {
        const out = io.stdout as unknown as NodeJS.WritableStream;
        cursorTo(out, 0, 0);
        clearScreenDown(out);
        io.stdout.write(`${new Date().toISOString()}  every ${seconds}s, Ctrl-C to stop\n\n${statsText(current, all)}`);
      } else {
        io.stdout.write((watch ? `${k > 0 ? '\n' : ''}# ${new Date().toISOString()}\n` : '') + statsText(current, all));
      }
    }
    return EXIT_CODES.ok;
  },
};
