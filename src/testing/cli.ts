#!/usr/bin/env node
/**
 * `ovms-test-server`: runs the OVMS-compatible test server from the command line, prints its URL
 * and stops on SIGINT/SIGTERM.
 *
 * @example
 * ```sh
 * ovms-test-server --port 8000 --api-key secret --token-delay-ms 20
 * ```
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseFaultHeader } from './faults/FaultSpec.js';
import { startTestServer } from './startTestServer.js';
import type { TestServerOptions } from './TestServerOptions.js';

const USAGE = `Usage: ovms-test-server [options]

  --port <n>              TCP port (default: a free one)
  --host <addr>           bind address (default 127.0.0.1)
  --config <path>         config.json to serve (default: built-in servables in a temp dir)
  --api-key <key>         API key for the OpenAI-style endpoints
  --api-key-file <path>   read the API key from the first line of a file (as OVMS --api_key_file)
  --legacy                behave like OVMS 2026.2 (TensorFlow-Serving API)
  --allowed-origins <s>   Access-Control-Allow-Origin (default *)
  --no-metrics            disable /metrics
  --token-delay-ms <n>    delay per streamed token (default 0)
  --load-time-ms <n>      time each model version stays LOADING (default 0)
  --poll-ms <n>           poll config.json every n ms (default 0 = off)
  --faults <json>         server-wide fault defaults (same JSON as the x-ovms-test-fault header)
  --help                  show this text
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      'api-key': { type: 'string' },
      'api-key-file': { type: 'string' },
      legacy: { type: 'boolean' },
      'allowed-origins': { type: 'string' },
      'no-metrics': { type: 'boolean' },
      'token-delay-ms': { type: 'string' },
      'load-time-ms': { type: 'string' },
      'poll-ms': { type: 'string' },
      faults: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const int = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${v}`);
    return n;
  };
  const apiKey = values['api-key'] ?? (values['api-key-file'] === undefined ? process.env.API_KEY : readFileSync(values['api-key-file'], 'utf8').split(/\r?\n/)[0]);
  const port = int('port', values.port);
  const tokenDelayMs = int('token-delay-ms', values['token-delay-ms']);
  const loadTimeMs = int('load-time-ms', values['load-time-ms']);
  const pollIntervalMs = int('poll-ms', values['poll-ms']);
  const options: TestServerOptions = {
    ...(port === undefined ? {} : { port }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.config === undefined ? {} : { configPath: values.config }),
    ...(apiKey === undefined || apiKey === '' ? {} : { apiKey }),
    ...(values.legacy === true ? { legacy: true } : {}),
    ...(values['allowed-origins'] === undefined ? {} : { cors: values['allowed-origins'] }),
    ...(values['no-metrics'] === true ? { metrics: false } : {}),
    ...(tokenDelayMs === undefined ? {} : { tokenDelayMs }),
    ...(loadTimeMs === undefined ? {} : { loadTimeMs }),
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
    ...(values.faults === undefined ? {} : { faults: parseFaultHeader(values.faults) }),
  };
  const server = await startTestServer(options);
  console.log(server.url);
  console.error(`ovms-test-server${options.legacy === true ? ' (legacy 2026.2 mode)' : ''} listening on ${server.url}, config ${server.configPath}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  console.error(USAGE);
  process.exit(2);
});
