import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { handleModelsRequest } from './handleModelsRequest.js';
import { isAuthorized } from './isAuthorized.js';
import { parseV3Payload } from './parseV3Payload.js';
import { runEmbeddingsGraph } from './runEmbeddingsGraph.js';
import { runLlmGraph } from './runLlmGraph.js';
import { runRerankGraph } from './runRerankGraph.js';
import { sendError } from './sendError.js';

/** A MediaPipe graph of the test server that serves OpenAI-style endpoints. */
export interface OpenAiServable {
  readonly name: string;
  readonly kind: 'llm' | 'embeddings' | 'rerank';
}

/** One graph request, for `ovms_requests_*`, `ovms_responses`, `ovms_graph_*` metrics (rest-api.md §6). */
export interface OpenAiGraphEvent {
  readonly name: string;
  readonly method: 'Unary' | 'Stream';
  /** False for every error answer, a mid-stream failure, and a client that went away. */
  readonly ok: boolean;
  readonly durationUs: number;
}

/** What the OpenAI-style handler needs from the server. Not mutated. */
export interface OpenAiContext {
  /** The generative/embeddings/rerank graphs. */
  readonly servables: readonly OpenAiServable[];
  /** Every servable (models + graphs), for the GET models list. */
  readonly allServableNames: () => readonly string[];
  /** Bearer check on POST when set (rest-api.md §1.4). */
  readonly apiKey: string | undefined;
  /** Delay before each streamed token. */
  readonly tokenDelayMs: number;
  /** Fault: stop writing after N chunks, keeping the socket open and never ending the response. */
  readonly stallAfterChunks?: number;
  /** Called once per graph request when it finished; the server feeds this into /metrics. */
  readonly onGraphEvent: (e: OpenAiGraphEvent) => void;
}

/** One request as the router hands it over. */
export interface OpenAiRequest {
  readonly method: 'GET' | 'POST';
  /** The part after the prefix (`/v3/`, `/v1/`, `/v3/v1/`), e.g. `chat/completions`, `models/BAAI/bge`. */
  readonly subpath: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * Answers one request under `/v3/`, `/v1/` or `/v3/v1/` the way OVMS 2026.x does (rest-api.md §5),
 * writing the whole answer (status, headers, body or event stream). CORS headers are the caller's.
 *
 * - GET `models`, `models/{id}`: list and retrieve (never behind the API key); any other GET under the
 *   prefix is a POST-only route → 406 `Unsupported method` (§1.1).
 * - POST: API key first (500 `Unauthorized request due to invalid or missing api-key`), then the body
 *   checks of §5.5 (412), the graph by JSON `model` or, for non-JSON bodies, by URI (404
 *   `Mediapipe graph definition with requested name is not found`), then the graph itself, whose
 *   errors are 400 `Mediapipe execution failed. MP status - …`.
 *
 * The test LLM's answers and magic markers are described in `planLlmTurn.ts` and `llmMarkers.ts`.
 *
 * @param ctx servables, key, pacing, faults and the metrics callback
 * @param req method, subpath, headers and the complete body
 * @param res the response to write
 * @returns when the answer is complete (for a stalled stream: when the connection closed)
 * @example
 * ```ts
 * createServer(async (req, res) => {
 *   const body = Buffer.concat(await req.toArray());
 *   await handleOpenAi(ctx, { method: 'POST', subpath: 'chat/completions', headers: req.headers, body }, res);
 * });
 * ```
 */
export async function handleOpenAi(ctx: OpenAiContext, req: OpenAiRequest, res: ServerResponse): Promise<void> {
  if (req.method === 'GET') {
    if (req.subpath === 'models' || /^models\/.+/s.test(req.subpath)) {
      handleModelsRequest(req.subpath, ctx.allServableNames(), res);
    } else {
      sendError(res, { status: 406, message: 'Unsupported method' });
    }
    return;
  }
  // An empty key disables the check, like OVMS's `if (!apiKey.empty())`.
  if (ctx.apiKey !== undefined && ctx.apiKey !== '' && !isAuthorized(req.headers, ctx.apiKey)) {
    sendError(res, { status: 500, message: 'Unauthorized request due to invalid or missing api-key' });
    return;
  }
  const payload = parseV3Payload(req.subpath, req.headers, req.body);
  if (!payload.ok) {
    sendError(res, payload.failure);
    return;
  }
  const { graphName, json, stream } = payload.value;
  const servable = ctx.servables.find((s) => s.name === graphName);
  if (servable === undefined) {
    sendError(res, { status: 404, message: 'Mediapipe graph definition with requested name is not found' });
    return;
  }
  const started = performance.now();
  let ok = false;
  // Only text-generation graphs stream; the others answer unary whatever `stream` says.
  const streaming = stream && servable.kind === 'llm';
  try {
    switch (servable.kind) {
      case 'llm':
        ok = await runLlmGraph(req.subpath, json, res, {
          tokenDelayMs: ctx.tokenDelayMs,
          stallAfterChunks: ctx.stallAfterChunks,
        });
        break;
      case 'embeddings':
        ok = runEmbeddingsGraph(req.subpath, json, res);
        break;
      case 'rerank':
        ok = runRerankGraph(req.subpath, json, res);
        break;
    }
  } finally {
    ctx.onGraphEvent({
      name: servable.name,
      method: streaming ? 'Stream' : 'Unary',
      ok,
      durationUs: Math.round((performance.now() - started) * 1000),
    });
  }
}
