import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/cli/exitCodes.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { runCli } from './runCli.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('ovms health', () => {
  it('reports a live, ready server with its version', async () => {
    const text = await runCli(['health'], { url: server.url });
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toBe(`url     ${server.url}\nlive    yes\nready   yes\nserver  OpenVINO Model Server 2026.3.0\n`);
    const json = await runCli(['health', '--json', '--url', server.url]);
    expect(JSON.parse(json.stdout)).toEqual({ url: server.url, live: true, ready: true, server: { name: 'OpenVINO Model Server', version: '2026.3.0' } });
  });

  it('exits 5 when the server answers but is not ready', async () => {
    server.faults.set({ status: 503, match: '/v2/health/ready' });
    try {
      const r = await runCli(['health', '--json'], { url: server.url });
      expect(r.code).toBe(EXIT_CODES.check);
      expect(JSON.parse(r.stdout)).toMatchObject({ live: true, ready: false });
    } finally {
      server.faults.clear();
    }
  });

  it('exits 2 with a hint when nothing listens at the URL, also in JSON', async () => {
    const r = await runCli(['health', '--json'], { url: 'http://127.0.0.1:1' });
    expect(r.code).toBe(EXIT_CODES.unreachable);
    expect(r.stderr).toMatch(/^ovms: cannot reach OVMS at http:\/\/127\.0\.0\.1:1: .*\nhint: is the server running\? Set --url or OVMS_API_URL\.\n$/);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { reason: 'Transport', exitCode: 2 } });
  });

  it('takes the URL from --url over OVMS_API_URL', async () => {
    const r = await runCli(['health', '--url', server.url], { url: 'http://127.0.0.1:1' });
    expect(r.code).toBe(0);
  });
});

describe('ovms models', () => {
  it('lists servables, versions and states from /v1/config', async () => {
    const r = await runCli(['models'], { url: server.url });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^MODEL\s+VERSION\s+STATE\s+STATUS$/);
    expect(lines).toContainEqual(expect.stringMatching(/^dummy\s+1\s+AVAILABLE\s+OK$/));
    expect(lines.filter((l) => l.startsWith('bert '))).toHaveLength(3);

    const json = JSON.parse((await runCli(['models', '--json'], { url: server.url })).stdout) as { name: string; version: string }[];
    expect(json).toContainEqual({ name: 'dummy', version: '1', state: 'AVAILABLE', errorCode: 'OK', errorMessage: 'OK' });
    expect(json.filter((m) => m.name === 'bert').map((m) => m.version)).toEqual(['1', '2', '3']);
  });
});

describe('ovms metadata', () => {
  it('prints inputs and outputs as a table', async () => {
    const r = await runCli(['metadata', 'dummy'], { url: server.url });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      'model     dummy\nversions  1\nplatform  OpenVINO\n\n' + '        NAME  DATATYPE  SHAPE\n' + 'input   b     FP32      [1, 10]\n' + 'output  a     FP32      [1, 10]\n',
    );
  });

  it('gives the KServe metadata with --json, for a chosen version', async () => {
    const r = await runCli(['metadata', 'bert', '--version', '2', '--json'], { url: server.url });
    expect(JSON.parse(r.stdout)).toMatchObject({
      name: 'bert',
      versions: ['2'],
      inputs: [
        { name: 'data', datatype: 'INT64', shape: [-1, -1] },
        { name: 'mask', datatype: 'INT64', shape: [-1, -1] },
      ],
    });
  });

  it('exits 3 for an unknown model, saying so', async () => {
    const r = await runCli(['metadata', 'nosuch'], { url: server.url });
    expect(r.code).toBe(EXIT_CODES.server);
    expect(r.stderr).toContain('not found at');
    expect(r.stderr).toContain("'ovms models' lists");
    const json = await runCli(['metadata', 'nosuch', '--json'], { url: server.url });
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { reason: 'Status', status: 404, exitCode: 3 } });
  });
});

describe('ovms stats', () => {
  it('prints the figures of getServerStatistics', async () => {
    const r = await runCli(['stats'], { url: server.url });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^server {9}OpenVINO Model Server 2026\.3\.0\nactive models {2}\d+\nrequests {7}\d+ total, \d+ failed, \d+ inference\n/);
  });

  it('refreshes with --watch, with requests/s from the second scrape on (NDJSON with --json)', async () => {
    const r = await runCli(['stats', '--watch', '0.05', '--count', '2', '--json'], { url: server.url });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ serverName: 'OpenVINO Model Server' });
    expect(lines[0]?.requestsPerSecond).toBeUndefined();
    expect(lines[1]?.requestsPerSecond).toEqual(expect.any(Number));
    expect(lines[1]).not.toHaveProperty('snapshot');
  });

  it('ends a watch on abort (Ctrl-C) with exit 0', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const r = await runCli(['stats', '--watch', '10'], { url: server.url, signal: controller.signal });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^# /gm)).toHaveLength(1);
  });
});

describe('usage errors exit 1 and point at the help', () => {
  it.each([
    [['nope'], /unknown command 'nope'.*\nSee 'ovms --help'/],
    [['metadata'], /missing argument.*\nSee 'ovms metadata --help'/],
    [['metadata', 'dummy', '--bogus'], /Unknown option '--bogus'.*\nSee 'ovms metadata --help'/],
    [['models', 'extra'], /unexpected argument 'extra'/],
    [['stats', '3'], /did you mean --watch 3/],
    [['bench', 'dummy', '--concurrency', '1,x'], /--concurrency must be like 1,2,4,8/],
    [['bench', 'dummy', '--requests', '5', '--duration', '1'], /not both/],
    [['chat', 'llama3', 'hi', '--max-tokens', '0'], /--max-tokens must be an integer >= 1, got '0'/],
    [['health', '--timeout', 'soon'], /--timeout must be an integer >= 1/],
    [['health', '--url', 'not a url'], /baseUrl/],
  ])('ovms %j', async (argv, message) => {
    const r = await runCli(argv, { url: server.url });
    expect(r.code).toBe(EXIT_CODES.usage);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('prints the main help with no command (stderr, exit 1) or --help (stdout, exit 0)', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Usage: ovms <command>');
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['health', 'models', 'metadata', 'infer', 'chat', 'stats', 'bench']) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(help.stdout).toContain('Exit codes:');
  });

  it('prints per-command help with --help or help <command>', async () => {
    const a = await runCli(['bench', '--help']);
    const b = await runCli(['help', 'bench']);
    expect(a).toMatchObject({ code: 0, stdout: b.stdout });
    expect(a.stdout).toMatch(/^Usage: ovms bench <model>/);
    expect(a.stdout).toContain('--url <url>');
  });
});
