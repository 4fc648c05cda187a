import type { Readable } from 'node:stream';

/** What the CLI writes to: `process.stdout`/`stderr`, or a test's collector. */
export interface CliStream {
  write(chunk: string): boolean;
  /** True for a terminal: enables the progress bar (stderr) and screen refreshes (stdout). */
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

/** The process-level things a command may touch, passed in so tests run the CLI in-process. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Environment (`OVMS_API_URL`, `OVMS_API_KEY`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** For `chat` without a prompt; default: no input (the loop ends at once). */
  readonly stdin?: Readable & { readonly isTTY?: boolean };
  /** Aborted on Ctrl-C: long-running commands (`stats --watch`, `bench`, `chat`) stop cleanly. */
  readonly signal?: AbortSignal;
  /** Directory relative paths resolve against (default `process.cwd()`). */
  readonly cwd?: string;
}
