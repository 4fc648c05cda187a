import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/bundle.js';

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; name: string };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let dir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ovms-pack-'));
  const tarball = execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: projectRoot, encoding: 'utf8' }).trim().split('\n').pop() as string;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, tarball)], { cwd: dir, stdio: 'pipe' });
  // A minimal server: enough for the packed library to make one real call from each module system.
  server = createServer((req, res) => {
    if (req.url === '/v2/health/live') return void res.end();
    if (req.url === '/v2') return void res.end('{"name":"OpenVINO Model Server","version":"2026.3.0"}');
    res.statusCode = 400;
    res.end('{"error":"Invalid request URL"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a consumer script in a child process, asynchronously: the test server lives in this process and must keep answering. */
async function run(code: string, type: 'module' | 'commonjs'): Promise<string> {
  const file = join(dir, type === 'module' ? 'main.mjs' : 'main.cjs');
  writeFileSync(file, code);
  const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  return stdout.trim();
}

describe('the packed tarball', () => {
  it('ships dist only: every exports target exists in the installed package', () => {
    const installed = join(dir, 'node_modules', pkg.name);
    const targets = JSON.stringify(pkg.exports).match(/"\.\/dist\/[^"]+"/g) ?? [];
    expect(targets.length).toBeGreaterThan(20);
    for (const t of targets) expect(existsSync(join(installed, JSON.parse(t) as string)), t).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
  });

  it('works from ESM: the functional API and a per-operation subpath make real calls', async () => {
    const out = await run(
      `import { createConfig, getServerMetadata, isOvmsError } from 'ipfs_accelerate_js/ovms';
       import { getServerLive } from 'ipfs_accelerate_js/ovms/getServerLive';
       const config = createConfig({ baseUrl: ${JSON.stringify(url)} });
       const meta = await getServerMetadata(config);
       console.log(JSON.stringify({ live: await getServerLive(config), version: meta.version, guard: typeof isOvmsError }));`,
      'module',
    );
    expect(JSON.parse(out)).toEqual({ live: true, version: '2026.3.0', guard: 'function' });
  });

  it('works from CommonJS (require of the ESM-only ky relies on require(esm), Node >= 20.19)', async () => {
    const out = await run(
      `const { createConfig, getServerMetadata } = require('ipfs_accelerate_js/ovms');
       const { getServerLive } = require('ipfs_accelerate_js/ovms/getServerLive');
       const { infer } = require('ipfs_accelerate_js/ovms/fp');
       const config = createConfig({ baseUrl: ${JSON.stringify(url)} });
       Promise.all([getServerLive(config), getServerMetadata(config)]).then(([live, meta]) =>
         console.log(JSON.stringify({ live, version: meta.version, fp: typeof infer })));`,
      'commonjs',
    );
    expect(JSON.parse(out)).toEqual({ live: true, version: '2026.3.0', fp: 'function' });
  });

  it('blocks deep imports of internals', async () => {
    await expect(run(`require('ipfs_accelerate_js/dist/esm/core/execute.js')`, 'commonjs')).rejects.toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });
});

describe('package.json exports', () => {
  it('match the build entries of rollup.config.mjs exactly', async () => {
    const { entries } = (await import(join(projectRoot, 'rollup.config.mjs'))) as { entries: Record<string, string> };
    const expected: Record<string, unknown> = {};
    for (const [key, src] of Object.entries(entries)) {
      const rel = src.replace(/^src\//, '').replace(/\.ts$/, '');
      expected[key === 'index' ? '.' : `./${key}`] = {
        import: { types: `./dist/types/${key}.d.ts`, default: `./dist/esm/${rel}.js` },
        require: { types: `./dist/types/${key}.d.cts`, default: `./dist/cjs/${rel}.cjs` },
      };
    }
    const { ['./package.json']: self, ...rest } = pkg.exports;
    expect(self).toBe('./package.json');
    expect(rest).toEqual(expected);
  });
});
