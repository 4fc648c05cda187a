import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

/** One write into the open stream. */
export interface StreamFrame {
  /** The exact bytes to write, e.g. `data: {...}\n\n` or a raw `{"error":"..."}`. */
  readonly text: string;
  /** Wait the per-token delay before this frame (generated tokens are paced, the handshake is not). */
  readonly paced: boolean;
}

/** Pacing and fault settings of a stream. */
export interface StreamOptions {
  readonly tokenDelayMs: number;
  /** Fault: write this many frames, then nothing more while keeping the socket open. */
  readonly stallAfterChunks?: number | undefined;
}

/** How a stream ended: every frame written and the response ended, or the client went away first. */
export type StreamOutcome = 'completed' | 'disconnected';

/**
 * Writes a `text/event-stream` answer frame by frame, with OVMS's headers (`Content-Type:
 * text/event-stream`, `Cache-Control: no-cache`, `Connection: keep-alive`, chunked because there is no
 * length — rest-api.md §5.4). Headers go out with the first frame, as OVMS delays them until the first
 * write.
 *
 * Stops at once when the client disconnects: the pending delay is aborted and nothing is written after
 * the response closed. With `stallAfterChunks` it stops writing after that many frames and waits,
 * without ending the response, until the client (or the server shutting down) closes the connection.
 *
 * @param res the response
 * @param frames the frames in order; the caller includes the final `data: [DONE]\n\n` when there is one
 * @param options delay and fault settings
 * @returns whether the stream completed or the client went away
 */
export async function writeEventStream(
  res: ServerResponse,
  frames: readonly StreamFrame[],
  options: StreamOptions,
): Promise<StreamOutcome> {
  const controller = new AbortController();
  const { signal } = controller;
  const onClose = (): void => {
    if (!res.writableEnded) controller.abort();
  };
  res.once('close', onClose);
  if (res.destroyed) controller.abort();
  try {
    let written = 0;
    for (const frame of frames) {
      if (options.stallAfterChunks !== undefined && written >= options.stallAfterChunks) {
        await closed(signal);
        return 'disconnected';
      }
      if (frame.paced) {
        // Always yield, even with no delay, so a disconnect is noticed between tokens.
        await delay(Math.max(0, options.tokenDelayMs), undefined, { signal });
      }
      if (signal.aborted || res.destroyed) return 'disconnected';
      if (!res.headersSent) {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-cache',
          Connection: 'keep-alive',
        });
      }
      written += 1;
      if (!res.write(frame.text)) {
        await once(res, 'drain', { signal });
      }
    }
    if (signal.aborted || res.destroyed) return 'disconnected';
    if (!res.headersSent) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    }
    res.end();
    return 'completed';
  } catch (error) {
    if (signal.aborted) return 'disconnected';
    throw error;
  } finally {
    res.off('close', onClose);
  }
}

function closed(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
