/**
 * A Node-only HTTP server that behaves like OpenVINO Model Server 2026.x on the wire (routes,
 * status codes, error texts, body layouts, metrics), computing built-in servables in JS. A
 * development and test tool; production uses real OVMS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfigManager } from './config/createConfigManager.js';
import { defaultConfig } from './config/defaultConfig.js';
import { createFaultController } from './faults/createFaultController.js';
import { FAULT_HEADER, parseFaultHeader, type FaultSpec } from './faults/FaultSpec.js';
import { errorAnswer, JSON_CONTENT_TYPE, type HttpAnswer } from './http/HttpAnswer.js';
import { MSG, OvmsHttpError } from './http/OvmsHttpError.js';
import { routeRequest, type Route } from './http/routeRequest.js';
import type { ServerContext } from './http/ServerContext.js';
import { createMetrics } from './metrics/createMetrics.js';
import { precreateGraphSeries, precreateModelSeries } from './metrics/modelMetrics.js';
import { handleOpenAi, type OpenAiContext } from './openai/handleOpenAi.js';
import { createRegistry } from './registry/createRegistry.js';
import type { ReceivedRequest, TestServer, TestServerOptions } from './TestServerOptions.js';

const MAX_BODY = 1024 ** 3; // Drogon's setClientMaxBodySize in OVMS (rest-api.md §1.2)
const RECEIVED_BODY_CAP = 1024 * 1024;

function corsHeaders(cors: TestServerOptions['cors']): Record<string, string> {
  const o = typeof cors === 'string' ? { origins: cors } : (cors ?? {});
  const h: Record<string, string> = {
    'access-control-allow-origin': o.origins ?? '*',
    'access-control-allow-methods': o.methods ?? '*',
    'access-control-allow-headers': o.headers ?? '*',
  };
  if (o.credentials === true) h['access-control-allow-credentials'] = 'true';
  return h;
}

// The servable a fault's `notReadyMs` applies to, from a KServe or TFS path.
function modelFromPath(path: string): string | undefined {
  const m = /^\/v2\/models\/([^/]+)/.exec(path) ?? /^\/v1\/models\/([^/:]+)/.exec(path);
  if (m?.[1] === undefined) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

// The `model` field of an OpenAI-style JSON body, when it has one.
function modelFromBody(body: Buffer): string | undefined {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    if (typeof v === 'object' && v !== null && 'model' in v && typeof v.model === 'string') return v.model;
  } catch {
    // not JSON: the OpenAI handler answers it
  }
  return undefined;
}

/**
 * Starts the server on `127.0.0.1` and a free port (by default) and resolves once it listens.
 *
 * @param options - see {@link TestServerOptions}
 * @returns the running server: `url`, `configPath`, `close()`, `faults`, `received`, `requestCount`
 * @throws {Error} when config.json is missing or invalid (OVMS would not start) or the port is taken
 * @example
 * ```ts
 * const server = await startTestServer();
 * const res = await fetch(`${server.url}/v2/models/dummy/infer`, {
 *   method: 'POST',
 *   body: JSON.stringify({ inputs: [{ name: 'b', shape: [1, 10], datatype: 'FP32', data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }] }),
 * });
 * await server.close();
 * ```
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const legacy = options.legacy === true;
  let tempDir: string | undefined;
  let configPath = options.configPath;
  if (configPath === undefined) {
    tempDir = mkdtempSync(join(tmpdir(), 'ovms-test-server-'));
    configPath = join(tempDir, 'config.json');
    writeFileSync(configPath, `${JSON.stringify(defaultConfig(), null, 2)}\n`);
  }

  const metrics = createMetrics(options.metricsList);
  let metricsEnabled = options.metrics !== false;
  const registry = createRegistry({
    loadTimeMs: options.loadTimeMs ?? 0,
    onAvailable: (entry, version) => {
      if (entry.definition.kind === 'graph') precreateGraphSeries(metrics, entry.name);
      else precreateModelSeries(metrics, entry.name, version, legacy, entry.model);
    },
  });
  const ctx: ServerContext = { registry, metrics, legacy, serverVersion: options.serverVersion ?? (legacy ? '2026.2.1' : '2026.3.0') };
  const config = createConfigManager({
    path: configPath,
    legacy,
    registry,
    onApplied: (c) => {
      if (c.metrics !== undefined) {
        metricsEnabled = c.metrics.enable;
        metrics.setEnabled(c.metrics.list ?? options.metricsList);
      }
    },
  });
  try {
    config.loadInitial();
  } catch (e) {
    registry.dispose();
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }

  const faults = createFaultController(options.faults, (model, ms) => registry.setNotReady(model, ms));
  const received: ReceivedRequest[] = [];
  const receivedLimit = options.receivedLimit ?? 100;
  const timers = new Set<NodeJS.Timeout>();
  const cors = corsHeaders(options.cors);
  let requestCount = 0;
  let closed = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const send = (res: ServerResponse, answer: HttpAnswer, fault: FaultSpec): void => {
    let body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
    const headers: Record<string, string> = { ...cors, 'content-type': answer.contentType, ...answer.headers };
    const tail = answer.binaryTail ?? 0;
    if (fault.truncateBinary !== undefined && fault.truncateBinary !== false && tail > 0) {
      const cut = fault.truncateBinary === true ? Math.ceil(tail / 2) : Math.min(tail, fault.truncateBinary);
      body = body.subarray(0, body.length - cut);
    }
    const ihcl = headers['inference-header-content-length'];
    if (fault.headerLengthDelta !== undefined && ihcl !== undefined) headers['inference-header-content-length'] = String(Number(ihcl) + fault.headerLengthDelta);
    headers['content-length'] = String(body.length);
    res.writeHead(answer.status, headers);
    if (fault.reset === true || fault.reset === 'midBody') {
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  };

  // Makes the OpenAI handler's writes break the connection after the first chunk (fault `reset`).
  const armReset = (res: ServerResponse): void => {
    const write = res.write.bind(res) as (chunk: string | Uint8Array, cb: () => void) => boolean;
    const destroy = (): void => {
      res.socket?.destroy();
    };
    const halfWrite = (chunk: unknown): void => {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
        const b = Buffer.from(chunk);
        write(b.subarray(0, Math.max(1, Math.floor(b.length / 2))), destroy);
      } else destroy();
    };
    res.write = ((chunk: unknown) => {
      halfWrite(chunk);
      return true;
    }) as unknown as ServerResponse['write'];
    res.end = ((chunk?: unknown) => {
      halfWrite(chunk);
      return res;
    }) as unknown as ServerResponse['end'];
  };

  const runOpenAi = async (route: Extract<Route, { kind: 'openai' }>, req: IncomingMessage, res: ServerResponse, body: Buffer, fault: FaultSpec): Promise<void> => {
    for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
    let graph: string | undefined;
    if (route.method === 'POST') {
      const name = modelFromBody(body);
      const entry = name === undefined ? undefined : registry.find(name);
      if (entry !== undefined && entry.definition.kind === 'graph') {
        try {
          registry.resolve(entry.name, undefined, 'ready');
          graph = entry.name;
        } catch {
          // A graph still loading: 500 "Mediapipe is not loaded yet", after the API key check (rest-api.md §5.5).
          const auth = req.headers.authorization;
          const authorized = options.apiKey === undefined || auth === `Bearer ${options.apiKey}`;
          send(res, errorAnswer(500, authorized ? MSG.graphNotLoadedYet : MSG.unauthorized), {});
          return;
        }
      }
    }
    if (fault.reset === true || fault.reset === 'midBody') armReset(res);
    const servables = registry
      .entries()
      .filter((e) => e.definition.kind === 'graph' && !e.retired)
      .map((e) => ({ name: e.name, kind: e.definition.kind === 'graph' ? e.definition.graphKind : ('llm' as const) }));
    const stall = fault.stallAfterChunks;
    const openAiContext: OpenAiContext = {
      servables,
      allServableNames: () => registry.entries().filter((e) => !e.retired).map((e) => e.name),
      apiKey: options.apiKey,
      tokenDelayMs: fault.tokenDelayMs ?? options.tokenDelayMs ?? 0,
      ...(stall === undefined ? {} : { stallAfterChunks: stall }),
      onGraphEvent: (e) => {
        const labels = { api: 'V3', interface: 'REST', method: e.method, name: e.name };
        metrics.add('ovms_requests_accepted', labels, 1);
        metrics.add(e.ok ? 'ovms_responses' : 'ovms_graph_error', labels, 1);
        metrics.add(e.ok ? 'ovms_requests_success' : 'ovms_requests_fail', labels, 1);
        metrics.observe('ovms_graph_processing_time_us', { method: e.method, name: e.name }, Math.max(0, Math.round(e.durationUs)));
      },
    };
    if (graph !== undefined) metrics.add('ovms_current_graphs', { name: graph }, 1);
    try {
      await handleOpenAi(openAiContext, { method: route.method, subpath: route.subpath, headers: req.headers, body }, res);
    } catch (e) {
      if (!res.headersSent) send(res, errorAnswer(500, e instanceof Error ? e.message : MSG.internal), {});
      else res.destroy();
    } finally {
      if (graph !== undefined) metrics.add('ovms_current_graphs', { name: graph }, -1);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // OVMS (Drogon) sends no Date header (rest-api.md §1.2).
    res.sendDate = false;
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY) {
          send(res, errorAnswer(413, 'Request body too large'), {});
          return;
        }
        chunks.push(chunk);
      }
    } catch {
      return;
    }
    if (closed) return;
    const body = Buffer.concat(chunks);
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    requestCount += 1;
    received.push({ method, url, headers: req.headers, body: body.subarray(0, RECEIVED_BODY_CAP), bodyLength: body.length });
    if (received.length > receivedLimit) received.splice(0, received.length - receivedLimit);
    const path = url.split('?')[0] ?? '/';

    let fault: FaultSpec;
    try {
      const h = req.headers[FAULT_HEADER];
      fault = faults.take(path, h === undefined ? undefined : parseFaultHeader(Array.isArray(h) ? (h[0] ?? '') : h));
    } catch (e) {
      send(res, errorAnswer(400, e instanceof Error ? e.message : String(e)), {});
      return;
    }
    if (fault.latencyMs !== undefined && fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (closed) return;
    if (fault.notReadyMs !== undefined) {
      const model = fault.model ?? modelFromPath(path);
      if (model !== undefined) registry.setNotReady(model, fault.notReadyMs);
    }
    if (fault.reset === 'beforeResponse') {
      req.socket.destroy();
      return;
    }
    if (fault.status !== undefined) {
      const message = fault.message ?? (fault.status === 503 ? MSG.serverNotReady : fault.status === 500 ? MSG.internal : 'Injected fault');
      const a = errorAnswer(fault.status, message);
      send(res, fault.retryAfter === undefined ? a : { ...a, headers: { 'retry-after': String(fault.retryAfter) } }, fault);
      return;
    }
    let route: Route;
    try {
      route = routeRequest({ ctx, config, metricsEnabled: () => metricsEnabled }, method, path, req.headers, body);
    } catch (e) {
      const err = e instanceof OvmsHttpError ? e : new OvmsHttpError(500, MSG.internal);
      route = { kind: 'answer', answer: errorAnswer(err.status, err.message) };
    }
    if (route.kind === 'answer') send(res, route.answer, fault);
    else await runOpenAi(route, req, res, body, fault);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { ...cors, 'content-type': JSON_CONTENT_TYPE });
        res.end(JSON.stringify({ error: MSG.internal }));
      } else res.destroy();
    });
  });
  // Idle connections are never timed out by OVMS (rest-api.md §1.2); close() ends them.
  server.keepAliveTimeout = 0;
  server.requestTimeout = 0;

  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    registry.dispose();
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
  config.startPolling(options.pollIntervalMs ?? 0);
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : address.address;
  const finalConfigPath = configPath;

  return {
    url: `http://${urlHost}:${address.port}`,
    configPath: finalConfigPath,
    faults,
    received,
    get requestCount() {
      return requestCount;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      config.dispose();
      registry.dispose();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
      if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
