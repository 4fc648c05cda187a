/**
 * The project's OVMS-compatible test server in its own process, for end-to-end benchmarks. Sends
 * `{ type: 'ready', url }` over IPC once listening; answers `stats` with the requests it received
 * and the connections it accepted.
 */
import { startTestServer } from '../../src/testing/index.js';

const server = await startTestServer();
let baseline = 0;
process.send?.({ type: 'ready', url: server.url });
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', connections: -1, requests: server.requestCount - baseline });
  if (message.type === 'reset') {
    baseline = server.requestCount;
    process.send?.({ type: 'reset' });
  }
});
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
