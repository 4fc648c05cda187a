/**
 * Connection failures against a real closed loopback port (no nock here: nock.disableNetConnect
 * would turn the refusal into its own error). The seed's snippet branches on
 * `error.code === 'ECONNREFUSED'`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConfig, getModelReady, getServerLive, getServerMetadata, getServerReady, infer, type TransportChoice } from '../../src/ovms.js';
import { rejectionOf } from '../helpers/ovmsClient.js';

/** A loopback port that was just free and is now closed: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  return port;
}

let base = '';
beforeAll(async () => {
  base = `http://127.0.0.1:${await closedPort()}`;
});

describe.each<TransportChoice>(['ky', 'fetch'])('a refused connection over transport %s', (transport) => {
  it('rejects with Transport / ECONNREFUSED, and the seed snippet sees error.code', async () => {
    const config = createConfig({ baseUrl: base, transport, retry: false });
    const error = await rejectionOf(getServerMetadata(config, { requestId: 'conn-1' }));
    expect((error as { code?: string }).code === 'ECONNREFUSED').toBe(true);
    expect(error.status).toBeUndefined();
    expect(error.reason).toEqual({ _tag: 'Transport' });
    expect(error.request).toEqual({ operation: 'getServerMetadata', method: 'GET', url: `${base}/v2`, requestId: 'conn-1', attempt: 1 });
    expect(error.message).toMatch(new RegExp(`^Network error connecting to ${base.replace(/\./g, '\\.')}/v2 \\(ECONNREFUSED\\): `));
  });

  it('health probes throw instead of answering false when nobody answers', async () => {
    const config = createConfig({ baseUrl: base, transport, retry: false });
    expect((await rejectionOf(getServerLive(config))).code).toBe('ECONNREFUSED');
    expect((await rejectionOf(getServerReady(config))).code).toBe('ECONNREFUSED');
    expect((await rejectionOf(getModelReady(config, { model: 'dummy' }))).code).toBe('ECONNREFUSED');
  });

  it('a refused connection is retried (idempotent): the last attempt is reported', async () => {
    const config = createConfig({ baseUrl: base, transport, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    const error = await rejectionOf(infer(config, { model: 'dummy', inputs: { b: [1, 2] } }, { validate: false }));
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.request?.attempt).toBe(3);
  });
});
