/**
 * Small hand-written HTTP servers on 127.0.0.1 for behaviours the OVMS-compatible test server does
 * not have on purpose (redirects, hostile bodies, oversized answers).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a scripted server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running scripted server. */
export interface ScriptedServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** Connections currently open. */
  connections(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts a server that answers each request with `handler` (after reading the request body).
 *
 * @param handler - Writes the answer.
 * @returns The server.
 */
export async function startScriptedServer(handler: (req: SeenRequest, res: ServerResponse, raw: IncomingMessage) => void): Promise<ScriptedServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(r);
      handler(r, res, req);
    });
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    connections: () => new Promise((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n)))),
    close: async () => {
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
    },
  };
}
