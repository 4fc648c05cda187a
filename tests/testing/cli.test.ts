/**
 * The `ovms-test-server` bin: prints its URL, serves, stops on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('ovms-test-server', () => {
  it('prints the URL and exits 0 on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../../src/testing/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--legacy'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /http:\/\/\S+/.exec(out);
        if (m !== null) resolve(m[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const r = await fetch(`${url}/v1/models/dummy`);
    expect(r.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
