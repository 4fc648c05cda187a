import { clearLine, cursorTo } from 'node:readline';
import type { CliStream } from '../CliIo.js';

/** A one-line progress bar; every method is a no-op on a stream that is not a terminal. */
export interface ProgressBar {
  /** Redraws with `fraction` (0..1) done and a label; at most every `intervalMs` unless `force`. */
  update(fraction: number, label: string, force?: boolean): void;
  /** Erases the bar, so what follows starts on a clean line. */
  done(): void;
}

/**
 * A progress bar drawn in place on `stream` (stderr, so it never mixes with stdout's results) with
 * the platform's `readline.cursorTo`/`clearLine`. Nothing is drawn when the stream is not a TTY
 * (a pipe, a file, CI logs), where the escape codes would be noise.
 *
 * @param stream - Usually `process.stderr`.
 * @param options - Bar width in cells (default 24), minimum ms between redraws (default 80), clock.
 * @returns The bar.
 */
export function progressBar(stream: CliStream, options: { readonly width?: number; readonly intervalMs?: number; readonly now?: () => number } = {}): ProgressBar {
  if (stream.isTTY !== true) return { update: () => undefined, done: () => undefined };
  const width = options.width ?? 24;
  const intervalMs = options.intervalMs ?? 80;
  const now = options.now ?? (() => performance.now());
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  // readline's helpers only need write(); the cast is to its stream type.
  const out = stream as unknown as NodeJS.WritableStream;
  return {
    update(fraction, label, force = false) {
      const t = now();
      if (!force && t - last < intervalMs) return;
      last = t;
      const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
      const filled = Math.round(f * width);
      let text = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}% ${label}`;
      if (stream.columns !== undefined && text.length >= stream.columns) text = text.slice(0, stream.columns - 1);
      cursorTo(out, 0);
      clearLine(out, 0);
      stream.write(text);
      drawn = true;
    },
    done() {
      if (!drawn) return;
      cursorTo(out, 0);
      clearLine(out, 0);
      drawn = false;
    },
  };
}
