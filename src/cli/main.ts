#!/usr/bin/env node
/**
 * The `ovms` bin: runs {@link run} on the process's arguments and streams, turns the first Ctrl-C
 * into a clean stop (a second one exits at once), and sets `process.exitCode` rather than calling
 * `process.exit`, so pending output is flushed.
 */
import { run } from './run.js';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  controller.abort();
});

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  // A getter: touching process.stdin creates the stream, which only `chat` without a prompt needs.
  get stdin() {
    return process.stdin;
  },
  signal: controller.signal,
};

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // run() does not throw; this is the last guard against a bug.
    process.stderr.write(`ovms: internal error: ${String(error)}\n`);
    process.exitCode = 70;
  },
);
