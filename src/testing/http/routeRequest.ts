/**
 * Request routing with OVMS's regexes and order (rest-api.md §1.1; TFS routes of §2 in legacy
 * mode; §8 for what does not exist).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ConfigManager } from '../config/createConfigManager.js';
import { infer, modelMetadata, modelReady, serverMetadata } from '../kserve/handleKserve.js';
import { tfsModelMetadata, tfsModelStatus, tfsPredict } from '../tfs/handleTfs.js';
import { emptyAnswer, errorAnswer, TEXT_CONTENT_TYPE, type HttpAnswer } from './HttpAnswer.js';
import { httpError, MSG } from './OvmsHttpError.js';
import type { ServerContext } from './ServerContext.js';

/** Where a request goes: an answer computed here, or the OpenAI-style handler with a subpath. */
export type Route =
  | { readonly kind: 'answer'; readonly answer: HttpAnswer }
  | { readonly kind: 'openai'; readonly method: 'GET' | 'POST'; readonly subpath: string };

/** What the router needs besides the handlers' context. */
export interface RouteDeps {
  readonly ctx: ServerContext;
  readonly config: ConfigManager;
  readonly metricsEnabled: () => boolean;
}

const INFER = /^\/v2\/models\/([^/]+)(?:\/versions\/([0-9]+))?\/infer$/;
const READY = /^\/v2\/models\/([^/]+)(?:\/versions\/([0-9]+))?\/ready$/;
const METADATA = /^\/v2\/models\/([^/]+)(?:\/versions\/([0-9]+))?\/?$/;
const CONFIG_RELOAD = /^(.?)\/v1\/config\/reload$/;
const CONFIG_STATUS = /^(.?)\/v1\/config$/;
const METRICS = /^(.?)\/metrics$/;
const TFS_POST = /^(.?)\/v1\/models\/([^/:]+)(?:(?:\/versions\/(\d+))|(?:\/labels\/(\w+)))?:(classify|regress|predict)$/;
const TFS_GET = /^(.?)\/v1\/models(?:\/([^/:]+))?(?:(?:\/versions\/(\d+))|(?:\/labels\/(\w+)))?(?:\/(metadata))?$/;
// Since 2026.3 `/v1/` is an alias of `/v3/` (rest-api.md §0, §5.1); `/v3/v1/` is the deprecated alias.
const OPENAI_PREFIX = /^(?:\/v3\/v1\/|\/v3\/|\/v1\/)/;
const OPENAI_PREFIX_LEGACY = /^(?:\/v3\/v1\/|\/v3\/)/;
const OPENAI_MODELS = /^(?:\/v3\/(?:v1\/)?|\/v1\/)models(?:\/(.+))?$/;
const OPENAI_MODELS_LEGACY = /^\/v3\/(?:v1\/)?models(?:\/(.+))?$/;

// Names in `/v2/models/{name}` and TFS paths are URL-decoded after matching (rest-api.md §1.1, fixture F37).
function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The `Inference-Header-Content-Length` value, checked as OVMS does at routing time (rest-api.md §4.5, fixture F59). */
export function inferenceHeaderLength(headers: IncomingHttpHeaders, bodyLength: number): number | undefined {
  const raw = headers['inference-header-content-length'];
  if (raw === undefined) return undefined;
  const text = Array.isArray(raw) ? (raw[0] ?? '') : raw;
  if (!/^\s*\d+\s*$/.test(text)) throw httpError(500, MSG.headerLengthInvalid);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw httpError(500, MSG.headerLengthInvalid);
  if (n > bodyLength) throw httpError(500, MSG.headerLengthExceeded);
  return n;
}

const isGetOnly = (path: string, legacy: boolean): boolean =>
  CONFIG_STATUS.test(path) ||
  path === '/v2/health/live' ||
  path === '/v2/health/ready' ||
  path === '/v2' ||
  METADATA.test(path) ||
  READY.test(path) ||
  METRICS.test(path) ||
  (legacy && TFS_GET.test(path));

const isPostOnly = (path: string, legacy: boolean): boolean => INFER.test(path) || CONFIG_RELOAD.test(path) || (legacy && TFS_POST.test(path));

const answer = (a: HttpAnswer): Route => ({ kind: 'answer', answer: a });

/**
 * Routes one request. Handler failures are thrown as `OvmsHttpError`.
 *
 * @param path - the URL path without the query string
 */
export function routeRequest(deps: RouteDeps, method: string, path: string, headers: IncomingHttpHeaders, body: Uint8Array): Route {
  const { ctx } = deps;
  const legacy = ctx.legacy;
  // CORS preflight: any path, 200, empty body (rest-api.md §1.4).
  if (method === 'OPTIONS') return answer(emptyAnswer());
  if (method !== 'GET' && method !== 'POST') throw httpError(406, MSG.unsupportedMethod);
  if (path.split('/').includes('..')) throw httpError(400, MSG.pathInvalid);

  if (method === 'POST') {
    if (legacy) {
      const t = TFS_POST.exec(path);
      if (t !== null) {
        // :classify and :regress match the route but are not implemented (rest-api.md §2).
        if (t[5] !== 'predict') throw httpError(404, MSG.restNotFound);
        return answer(tfsPredict(ctx, decode(t[2] ?? ''), t[3], body));
      }
    }
    const i = INFER.exec(path);
    if (i !== null) return answer(infer(ctx, decode(i[1] ?? ''), i[2], inferenceHeaderLength(headers, body.length), body));
    if (CONFIG_RELOAD.test(path)) return answer(deps.config.reload());
    const prefix = (legacy ? OPENAI_PREFIX_LEGACY : OPENAI_PREFIX).exec(path);
    if (prefix !== null) return { kind: 'openai', method: 'POST', subpath: decode(path.slice(prefix[0].length)) };
    if (isGetOnly(path, legacy)) throw httpError(406, MSG.unsupportedMethod);
    throw httpError(400, MSG.invalidUrl);
  }

  if (legacy) {
    const t = TFS_GET.exec(path);
    if (t !== null) {
      const name = decode(t[2] ?? '');
      // The label is accepted and ignored (rest-api.md §2); an empty name is "not found".
      return answer(t[5] === 'metadata' ? tfsModelMetadata(ctx, name, t[3]) : tfsModelStatus(ctx, name, t[3]));
    }
  }
  if (CONFIG_STATUS.test(path)) return answer(deps.config.status());
  if (path === '/v2/health/live' || path === '/v2/health/ready') return answer(emptyAnswer());
  if (path === '/v2') return answer(serverMetadata(ctx));
  const md = METADATA.exec(path);
  if (md !== null) return answer(modelMetadata(ctx, decode(md[1] ?? ''), md[2]));
  const rd = READY.exec(path);
  if (rd !== null) return answer(modelReady(ctx, decode(rd[1] ?? ''), rd[2]));
  if (METRICS.test(path)) {
    // Disabled metrics: 400 Invalid request URL with text/plain (rest-api.md §6).
    if (!deps.metricsEnabled()) return answer(errorAnswer(400, MSG.invalidUrl, TEXT_CONTENT_TYPE));
    return answer({ status: 200, contentType: TEXT_CONTENT_TYPE, body: ctx.metrics.render() });
  }
  const om = (legacy ? OPENAI_MODELS_LEGACY : OPENAI_MODELS).exec(path);
  if (om !== null) return { kind: 'openai', method: 'GET', subpath: om[1] === undefined ? 'models' : `models/${decode(om[1])}` };
  if (isPostOnly(path, legacy)) throw httpError(406, MSG.unsupportedMethod);
  throw httpError(400, MSG.invalidUrl);
}
