/**
 * Runs a TypeScript script of this folder in a child Node process (through tsx) and reports how it
 * ended. The point is the end: a scenario prints one JSON line and must then exit *by itself*; a
 * socket, timer or listener left behind keeps it alive, and the deadline catches that.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, derived from this file's location (never written as a path). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How a child ended. */
export interface ChildOutcome<T> {
  /** The last stdout line that parsed as JSON, if any. */
  readonly result: T | undefined;
  /** Exit code (null when killed). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** False when the deadline passed and the child had to be killed. */
  readonly exitedByItself: boolean;
  /** ms from the JSON line to the exit (undefined without a JSON line). */
  readonly exitLagMs: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runScript}. */
export interface RunScriptOptions {
  /** Kill the child after this many ms in all (default 60 s). */
  readonly deadlineMs?: number;
  /** After the JSON line, the child must exit within this many ms (default 5 s). */
  readonly exitWithinMs?: number;
  /** Extra flags for node (before `--import tsx`), e.g. `--expose-gc`. */
  readonly nodeFlags?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Runs `node [flags] --import tsx <script> ...args` from the repository root.
 *
 * @param script - Path relative to this folder, e.g. `scenarios/fault.ts`.
 * @param args - Arguments for the script.
 * @param options - Deadlines, node flags, environment.
 * @returns How the child ended, with its JSON result.
 */
export function runScript<T>(script: string, args: readonly string[], options: RunScriptOptions = {}): Promise<ChildOutcome<T>> {
  const deadlineMs = options.deadlineMs ?? 60_000;
  const exitWithinMs = options.exitWithinMs ?? 5_000;
  const path = fileURLToPath(new URL(script, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--unhandled-rejections=strict', '--import', 'tsx', path, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let result: T | undefined;
    let resultAt: number | undefined;
    let killedByUs = false;
    const kill = (): void => {
      killedByUs = true;
      child.kill('SIGKILL');
    };
    const overall = setTimeout(kill, deadlineMs);
    let afterResult: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      for (const line of stdout.split('\n')) {
        const trimmed = line.trim();
        if (!trimmed.startsWith('{')) continue;
        try {
          result = JSON.parse(trimmed) as T;
          if (resultAt === undefined) {
            resultAt = Date.now();
            afterResult = setTimeout(kill, exitWithinMs);
          }
        } catch {
          // an incomplete line: more is coming
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(overall);
      clearTimeout(afterResult);
      resolve({
        result,
        code,
        signal,
        exitedByItself: !killedByUs,
        exitLagMs: resultAt === undefined ? undefined : Date.now() - resultAt,
        stdout,
        stderr,
      });
    });
  });
}

/** A readable failure text for an outcome (for `expect(..., message)`). */
export function describeOutcome(outcome: ChildOutcome<unknown>): string {
  return `code=${String(outcome.code)} signal=${String(outcome.signal)} exitedByItself=${outcome.exitedByItself}\nstdout:\n${outcome.stdout.slice(-2000)}\nstderr:\n${outcome.stderr.slice(-4000)}`;
}

/** A test server running in its own process (the `ovms-test-server` CLI through tsx). */
export interface ServerProcess {
  readonly url: string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts the OVMS-compatible test server's CLI in a child process on 127.0.0.1 and a free port.
 *
 * @param args - Extra CLI arguments, e.g. `['--config', path]`.
 * @returns The server's URL and a stop function.
 */
export function startServerProcess(args: readonly string[] = []): Promise<ServerProcess> {
  const cli = fileURLToPath(new URL('../../src/testing/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line === undefined) return;
      resolve({
        url: line.trim(),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(`the test server exited before listening: ${err}`)));
  });
}
