import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/bundle.js';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const ovms = (args: string[]) => promisify(execFile)(npx, ['tsx', 'src/cli/main.ts', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 30_000, env: { ...process.env, OVMS_API_URL: 'http://127.0.0.1:1' } });

describe('the ovms bin', () => {
  it('starts with a node shebang (kept by rollup in the built file)', () => {
    expect(readFileSync(join(projectRoot, 'src/cli/main.ts'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('prints its help as a real process, exit 0', async () => {
    const { stdout } = await ovms(['--help']);
    expect(stdout).toMatch(/^Usage: ovms <command>/);
    expect(stdout).toContain('Exit codes:');
  });

  it('sets the process exit code: 2 when OVMS is unreachable', async () => {
    const error = (await ovms(['health']).then(() => undefined, (e: unknown) => e)) as { code?: number; stderr?: string } | undefined;
    expect(error?.code).toBe(2);
    expect(error?.stderr).toContain('ovms: cannot reach OVMS at http://127.0.0.1:1');
  });
});
