import { Readable } from 'node:stream';
import { run } from '../../src/cli/run.js';

/** What one in-process run of the CLI produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Each stdout write, in order (to see that tokens were written as they arrived). */
  readonly writes: readonly string[];
}

/** Runs `ovms <argv>` in this process, collecting stdout and stderr. */
export async function runCli(
  argv: readonly string[],
  options: { readonly url?: string; readonly env?: Record<string, string | undefined>; readonly stdin?: readonly string[]; readonly cwd?: string; readonly signal?: AbortSignal; readonly ttyStderr?: boolean } = {},
): Promise<CliRun> {
  const writes: string[] = [];
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (writes.push(s), true) },
    stderr: { write: (s: string) => ((stderr += s), true), ...(options.ttyStderr === true ? { isTTY: true, columns: 100 } : {}) },
    env: { ...(options.url === undefined ? {} : { OVMS_API_URL: options.url }), ...options.env },
    ...(options.stdin === undefined ? {} : { stdin: Readable.from(options.stdin) }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { code, stdout: writes.join(''), stderr, writes };
}
