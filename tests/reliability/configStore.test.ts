/**
 * Reliability, point 7 (issue 7): config store safety across processes.
 *
 * - Several processes change the same config.json at once through `fileConfigStore` +
 *   `updateModelConfig`, each adding changes of its own: at the end every change is there (no lost
 *   update), and the file is valid JSON all along.
 * - A writer killed (SIGKILL) in the middle of a write — with half of the new text written, or with
 *   the whole text in the temporary file just before the rename — leaves the previous file intact and
 *   parseable, and the next writer proceeds (a lock left behind by the dead writer is recovered).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileConfigStore } from '../../src/configStore/fileConfigStore.js';
import { createConfig, isOvmsError, updateModelConfig } from '../../src/ovms.js';
import { defaultConfig, startTestServer, type TestServer } from '../../src/testing/index.js';
import { describeOutcome, runScript } from './childProcess.js';

const WRITERS = 6;
const CHANGES_EACH = 5;

let dir: string;
let configPath: string;
let server: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ovms-reliability-config-'));
  configPath = join(dir, 'config.json');
  writeFileSync(configPath, `${JSON.stringify(defaultConfig(), null, 2)}\n`);
  server = await startTestServer({ host: '127.0.0.1', port: 0, configPath });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

type DummyConfig = { name: string; plugin_config?: Record<string, unknown> };
const dummyOf = (text: string): DummyConfig =>
  (JSON.parse(text) as { model_config_list: { config: DummyConfig }[] }).model_config_list.find((m) => m.config.name === 'dummy')?.config as DummyConfig;

describe('several processes updating config.json at once', () => {
  it(`${WRITERS} processes × ${CHANGES_EACH} changes each: every change is in the file at the end`, { timeout: 120_000 }, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) =>
        runScript<{ done: number; conflicts: number }>('scenarios/configWriter.ts', ['update', configPath, server.url, String(w), String(CHANGES_EACH)], { deadlineMs: 110_000 }),
      ),
    );
    for (const o of outcomes) {
      expect(o.code, describeOutcome(o)).toBe(0);
      expect(o.result?.done).toBe(CHANGES_EACH);
    }
    const plugin = dummyOf(readFileSync(configPath, 'utf8')).plugin_config ?? {};
    const expected = Array.from({ length: WRITERS }, (_, w) => Array.from({ length: CHANGES_EACH }, (_, k) => `W${w}_${k}`)).flat();
    expect(Object.keys(plugin).filter((k) => /^W\d+_\d+$/.test(k)).sort()).toEqual(expected.sort());
    console.log(`config store: ${WRITERS * CHANGES_EACH} updates from ${WRITERS} processes, ${outcomes.reduce((n, o) => n + (o.result?.conflicts ?? 0), 0)} compare-and-swap conflicts retried`);
    // Nothing left behind: no temporary file, no lock.
    expect(readdirSync(dir).sort()).toEqual(['config.json']);
  });
});

describe('a writer killed in the middle of a write', () => {
  it.each(['whileWriting', 'afterTempWrite'])('SIGKILL %s: the previous file is intact, and the next write succeeds', { timeout: 60_000 }, async (point) => {
    const before = readFileSync(configPath, 'utf8');
    const outcome = await runScript<{ writing?: boolean; survived?: boolean }>('scenarios/configWriter.ts', ['crash', configPath, point], { deadlineMs: 50_000 });
    expect(outcome.signal, describeOutcome(outcome)).toBe('SIGKILL');
    expect(outcome.result).toEqual({ writing: true });
    const after = readFileSync(configPath, 'utf8');
    expect(after).toBe(before);
    expect(() => JSON.parse(after) as unknown).not.toThrow();
    // The next writer is not blocked by what the dead one left (a temporary file, a lock).
    const config = createConfig({ baseUrl: server.url });
    const result = await updateModelConfig(config, fileConfigStore(configPath), 'dummy', { plugin_config: { [`after_${point}`]: 1 } }, { wait: false });
    expect(result.changed).toBe(true);
    expect(dummyOf(readFileSync(configPath, 'utf8')).plugin_config?.[`after_${point}`]).toBe(1);
    // The dead writer's temporary file may remain (it is hidden and never read); nothing else does.
    expect(readdirSync(dir).filter((f) => !/^\.config\.json\.[0-9a-f]+\.tmp$/.test(f))).toEqual(['config.json']);
  });
});

describe('the writers\' lock', () => {
  const lockPath = (): string => join(dir, '.config.json.lock');

  it('a live writer\'s lock makes another writer wait, then give up with Timeout ELOCKED; the file is untouched', async () => {
    writeFileSync(lockPath(), `${hostname()} ${process.pid} live-token`);
    try {
      const store = fileConfigStore(configPath, { lock: { timeoutMs: 200 } });
      const before = readFileSync(configPath, 'utf8');
      const { version } = await store.read();
      const started = Date.now();
      const error: unknown = await store.write('{}', version).then(() => undefined, (e: unknown) => e);
      expect(isOvmsError(error) && [error.reason._tag, error.code]).toEqual(['Timeout', 'ELOCKED']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(readFileSync(configPath, 'utf8')).toBe(before);
      expect(readFileSync(lockPath(), 'utf8')).toBe(`${hostname()} ${process.pid} live-token`);
    } finally {
      rmSync(lockPath(), { force: true });
    }
  });

  it('a lock older than staleMs is broken (its owner cannot be checked: another host)', async () => {
    writeFileSync(lockPath(), 'another-host 1 old-token');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath(), old, old);
    const store = fileConfigStore(configPath, { lock: { timeoutMs: 2_000, staleMs: 30_000 } });
    const { text, version } = await store.read();
    await store.write(text.replace('"dummy"', '"dummy" '), version);
    expect(readdirSync(dir).filter((f) => f.includes('lock'))).toEqual([]);
  });

  it('a fresh lock from another host is respected until it is stale', async () => {
    writeFileSync(lockPath(), 'another-host 1 fresh-token');
    try {
      const store = fileConfigStore(configPath, { lock: { timeoutMs: 150 } });
      const { version } = await store.read();
      const error: unknown = await store.write('{}', version).then(() => undefined, (e: unknown) => e);
      expect(isOvmsError(error) && error.code).toBe('ELOCKED');
    } finally {
      rmSync(lockPath(), { force: true });
    }
  });
});
