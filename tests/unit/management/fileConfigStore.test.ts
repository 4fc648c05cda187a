/**
 * The Node file store: compare-and-swap, atomic replace, failure leaves the old file intact.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileConfigStore, isConfigConflict, memoryConfigStore } from '../../../src/configStore/index.js';
import { isOvmsErrorReason } from '../../../src/ovms.js';
import { rejectionOf } from '../../e2e/e2eHelpers.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'config-store-'));
  path = join(dir, 'config.json');
  writeFileSync(path, '{"model_config_list": []}\n');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('fileConfigStore', () => {
  it('reads the text with a content-derived version and replaces it', async () => {
    const store = fileConfigStore(path);
    const first = await store.read();
    expect(first.text).toBe('{"model_config_list": []}\n');
    expect(first.version).toMatch(/^sha256:[0-9a-f]{64}:26:/);
    await store.write('{"model_config_list": [1]}\n', first.version);
    expect(readFileSync(path, 'utf8')).toBe('{"model_config_list": [1]}\n');
    const second = await store.read();
    expect(second.version).not.toBe(first.version);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('refuses a write when the file changed since the read, and keeps the other edit', async () => {
    const store = fileConfigStore(path);
    const { version } = await store.read();
    writeFileSync(path, '{"model_config_list": [], "monitoring": {"metrics": {"enable": true}}}\n');
    const error = await rejectionOf(store.write('{"mine": true}', version));
    expect(isConfigConflict(error)).toBe(true);
    expect(isOvmsErrorReason(error, 'Status') && error.status).toBe(409);
    expect(error.code).toBe('ECONFLICT');
    expect(readFileSync(path, 'utf8')).toContain('monitoring');
  });

  it('detects an edit that restores the same length (the mtime is part of the version)', async () => {
    const store = fileConfigStore(path);
    const { version } = await store.read();
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(path, '{"model_config_list": []}\n');
    expect(isConfigConflict(await rejectionOf(store.write('{}', version)))).toBe(true);
  });

  it('leaves the old file intact and no temporary file when the rename fails', async () => {
    const store = fileConfigStore(path, {
      fs: {
        rename: () => Promise.reject(Object.assign(new Error('simulated crash'), { code: 'EIO' })),
      },
    });
    const { version } = await store.read();
    const error = await rejectionOf(store.write('{"new": true}', version));
    expect(isOvmsErrorReason(error, 'Transport')).toBe(true);
    expect(error.code).toBe('EIO');
    expect(error.message).toMatch(/Cannot write config.json at .*config.json \(EIO\): simulated crash/);
    expect(readFileSync(path, 'utf8')).toBe('{"model_config_list": []}\n');
    expect(readdirSync(dir)).toEqual(['config.json']);
  });

  it('replaces the target of a symbolic link and keeps the link', async () => {
    const link = join(dir, 'link.json');
    symlinkSync(path, link);
    const store = fileConfigStore(link);
    const { version } = await store.read();
    await store.write('{"via": "link"}', version);
    expect(readFileSync(path, 'utf8')).toBe('{"via": "link"}');
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'link.json']);
  });

  it('reports a missing file as Transport with the file system code', async () => {
    const error = await rejectionOf(fileConfigStore(join(dir, 'missing.json')).read());
    expect([error.reason._tag, error.code]).toEqual(['Transport', 'ENOENT']);
  });
});

describe('memoryConfigStore', () => {
  it('bumps its version on each write and refuses a stale one', async () => {
    const store = memoryConfigStore('a');
    const { version } = await store.read();
    await store.write('b', version);
    expect(await store.read()).toEqual({ text: 'b', version: '1' });
    expect(isConfigConflict(await rejectionOf(store.write('c', version)))).toBe(true);
  });
});
