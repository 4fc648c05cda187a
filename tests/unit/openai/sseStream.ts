/** A hand-driven body stream for the SSE tests: push text or bytes, close, error; records cancellation. */
export interface ControlledStream {
  readonly stream: ReadableStream<Uint8Array>;
  push(chunk: string | Uint8Array): void;
  close(): void;
  error(reason: unknown): void;
  /** How often the consumer cancelled the stream (closing the connection). */
  readonly cancelled: () => number;
}

export function controlledStream(): ControlledStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancels = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      cancels += 1;
    },
  });
  return {
    stream,
    push: (chunk) => controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk),
    close: () => controller.close(),
    error: (reason) => controller.error(reason),
    cancelled: () => cancels,
  };
}

/** Active `setTimeout` handles of the process (the test runner's own are there before and after alike). */
export function activeTimeouts(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}
