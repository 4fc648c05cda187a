/** How the numbers are taken (RESULTS.md). */
export const HOW: readonly string[] = [
  '## How it measures',
  '',
  '- Servers run in child processes (`bench/servers/`): a canned-response server that answers fixed bytes (client overhead), and the',
  '  project\'s OVMS-compatible test server (end to end). The client is this process.',
  '- Each comparison runs a warm-up of both sides (which also sizes a round to about 120 ms), then 24 rounds in which both',
  '  sides run, the order alternating (ab, ba, …). The ratio is the **median of the per-round ratios**, so load that other',
  '  processes put on the shared machine hits both sides alike; the range is the min–max of the per-round ratios.',
  '- Client CPU is `process.cpuUsage()` per operation (user + system, all threads of the client process). On a shared',
  '  machine CPU time is steadier than wall time: rows without a network compare CPU time.',
  '- Raw fetch posts exactly the bytes `infer` sent (captured once from the pipeline) and reads the body as an',
  '  `ArrayBuffer`: the floor for any fetch-based client (it neither encodes nor decodes).',
];

/** What the run cannot show by itself: recorded before/after figures and proposals (RESULTS.md). */
export const NOTES: readonly string[] = [
  '## Optimizations and their figures',
  '',
  '| Change | Before | After | How measured |',
  '| --- | --- | --- | --- |',
  '| `encodeInferRequest`: one pre-sized body, the JSON header written into it with `encodeInto` (no separate header buffer, no second copy of it) | 14.4–15.4 µs CPU per small request (with the old `isLittleEndian`) | 11.7–12.0 µs (with both changes) | microbenchmark, median of 7 × 50,000 calls. The row "Optimizations" above re-measures the buffer change alone against the old code in every run (both with the new `isLittleEndian`): a few per cent, within noise; neutral for a 600 KB tensor, where the one copy of the tensor dominates |',
  '| `isLittleEndian()`: a constant derived once (`/*#__PURE__*/`), instead of two typed-array allocations per call | decode of a small answer 9.8–10.7 µs | 8.0–8.8 µs | same microbenchmark; called once per encode and once per decode |',
  '| Auto-batching (`withAutoBatching`, opt-in) | 1,000 HTTP requests per 1,000 calls | see the "Auto-batching" rows | end to end against the test server |',
  '| Middleware cost | — | 10 extra no-op middleware: CPU ratio ≈ 1 (no measurable cost) | row "per-middleware cost" |',
  '',
  '## Not changed here (outside this change\'s files), with the figures that call for them',
  '',
  "- **Default transport.** `transport: 'ky'` costs several times the CPU of `transport: 'fetch'` per request (no-network rows:",
  "  ky vs fetch), and for a large tensor it copies the body into a `Request` and tees it into a stream. The pipeline owns retry,",
  "  timeout and errors, so ky adds nothing to the wire. Proposed: default `transport` to `'fetch'` in `createConfig`.",
  '- **Aligned body reads.** Real binary answers are decoded with a copy (row "real answers"): the body as read leaves the',
  '  tensor at an offset that is not a multiple of 4, so no `Float32Array` view is possible. Proposed: `readBody` places the',
  '  bytes so that the offset given by `Inference-Header-Content-Length` is 8-byte aligned (the join copies anyway), and',
  '  `createSend` passes that offset.',
  '- **Per-request middleware work.** In a CPU profile of `infer` with an instant transport, `withRequestId` (spreading the',
  '  whole request and its headers), `withTimeout` (an `AbortController` per attempt) and `AbortSignal` plumbing are the',
  '  largest items after encoding; they are not in this change\'s files.',
];
