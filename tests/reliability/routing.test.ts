/**
 * Reliability, point 3 (issue 7): routing safety. Model names, ids and versions with `/`, `..`,
 * `?`, `#`, `%`, `\`, unicode (lone surrogates included) or control characters can never reach
 * another route: through every operation that builds a URL from them, either the request goes to
 * exactly one encoded path segment (checked on the URL the transport sees), or the call is rejected
 * as `InvalidInput` before anything is sent. Never another error type.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chatCompletion,
  completion,
  createConfig,
  createEmbeddings,
  getModelMetadataWithShapes,
  getModelReady,
  getModelStatus,
  infer,
  isOvmsError,
  rerank,
  retrieveModel,
  tokenize,
  type ClientConfig,
} from '../../src/ovms.js';
import type { WireRequest } from '../../src/core/types.js';
import { tfsGetModelMetadata } from '../../src/ops/tfsGetModelMetadata.js';
import { tfsGetModelStatus } from '../../src/ops/tfsGetModelStatus.js';
import { tfsPredict } from '../../src/ops/tfsPredict.js';

const BASE = 'http://127.0.0.1:9';
const RUNS = 300;

/** Names built from the characters that could change a route, plus anything else unicode has. */
const nameArb = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 4 }),
        fc.constantFrom('/', '.', '..', '%', '%2F', '%2e%2e', '?', '#', '\\', ':', ';', '@', '&', '=', '+', ' ', '\u0000', '\u001f', '\u007f', '\u0085', '\uD800', '\uDFFF', '\u202E', '\uFEFF', 'é', '😀', 'versions', 'infer', 'ready'),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((parts) => parts.join('')),
  fc.constantFrom('.', '..', '/', '//', '../dummy', 'dummy/../../v1/config', 'dummy?x=1', 'dummy#frag', '%2e%2e', 'a/./b', 'a//b', '/a', 'a/', 'dummy/infer', 'dummy:predict', 'dummy/versions/1'),
  fc.string({ unit: 'binary' }),
);

const versionArb = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('latest', '0', '007', '1', ' 2 ', '1/..', '1?x', '1#', '-1', '1.5', '1e3', '../1', '%31', '١'),
  fc.nat().map(String),
  fc.integer({ min: -5, max: 1_000 }),
  fc.double(),
  fc.string({ maxLength: 6 }),
);

interface Captured {
  readonly urls: string[];
  readonly bodies: (string | undefined)[];
  readonly config: ClientConfig;
}

/** A config whose transport records each wire request and answers 404 (so every call ends). */
function capturing(model?: string): Captured {
  const urls: string[] = [];
  const bodies: (string | undefined)[] = [];
  const transport = (request: WireRequest): Promise<Response> => {
    urls.push(request.url);
    bodies.push(typeof request.body === 'string' ? request.body : request.body === undefined ? undefined : new TextDecoder().decode(request.body));
    return Promise.resolve(new Response('{"error":"Model with requested name is not found"}', { status: 404, headers: { 'content-type': 'application/json' } }));
  };
  return { urls, bodies, config: createConfig({ baseUrl: BASE, transport, retry: false, validate: false, ...(model === undefined ? {} : { model }) }) };
}

/**
 * Runs `call`: anything thrown must be an OvmsError; InvalidInput means nothing may have been sent
 * (but a request to one of `fixedPaths`, which no name can change).
 */
async function run(captured: Captured, call: () => Promise<unknown>, fixedPaths: readonly string[] = []): Promise<'sent' | 'rejected'> {
  try {
    await call();
  } catch (error) {
    if (!isOvmsError(error)) throw new Error(`expected an OvmsError, got ${String(error)}`, { cause: error });
    if (error.reason._tag === 'InvalidInput') {
      expect(captured.urls.filter((u) => !fixedPaths.includes(new URL(u).pathname))).toEqual([]);
      return 'rejected';
    }
  }
  return 'sent';
}

/** The URL as the transport got it: no query, no fragment, and nothing a URL parser would rewrite. */
function parsed(url: string): URL {
  const u = new URL(url);
  expect(u.href).toBe(url);
  expect(u.origin).toBe(BASE);
  expect(u.search).toBe('');
  expect(u.hash).toBe('');
  return u;
}

const KSERVE = /^\/v2\/models\/([^/]+)(?:\/versions\/([1-9]\d*))?(?:\/(ready|infer))?$/;
const TFS = /^\/v1\/models\/([^/:]+)(?:\/versions\/([1-9]\d*))?(?:\/metadata|:predict)?$/;

function checkSegment(url: string, pattern: RegExp, name: string, version: unknown): void {
  const { pathname } = parsed(url);
  const m = pattern.exec(pathname);
  expect(m, `${url} does not match ${String(pattern)}`).not.toBeNull();
  // OVMS URL-decodes the segment after matching it (rest-api.md §1.1): it must give the name back.
  expect(decodeURIComponent((m as RegExpExecArray)[1] as string)).toBe(name);
  const sentVersion = (m as RegExpExecArray)[2];
  if (sentVersion !== undefined) expect(BigInt(sentVersion)).toBe(BigInt(String(version).trim()));
}

const inputs = [{ name: 'b', data: [1], shape: [1], datatype: 'FP32' as const }];

describe('KServe: a model name is exactly one encoded segment, or InvalidInput', () => {
  const ops: readonly [string, (c: ClientConfig, model: string | undefined, version: unknown) => Promise<unknown>][] = [
    ['getModelReady', (c, model, version) => getModelReady(c, { ...(model === undefined ? {} : { model }), version: version as string })],
    ['getModelMetadataWithShapes', (c, model, version) => getModelMetadataWithShapes(c, { ...(model === undefined ? {} : { model }), version: version as string })],
    ['infer', (c, model, version) => infer(c, { ...(model === undefined ? {} : { model }), version: version as string, inputs })],
    ['getModelStatus', (c, model, version) => getModelStatus(c, { ...(model === undefined ? {} : { model }), version: version as string })],
  ];
  it.each(ops)('%s (named in the call, and as the config default)', async (_op, call) => {
    await fc.assert(
      fc.asyncProperty(nameArb, versionArb, fc.boolean(), async (name, version, fromConfig) => {
        let captured: Captured;
        try {
          captured = capturing(fromConfig ? name : undefined);
        } catch (error) {
          // createConfig itself refuses an empty name: that is InvalidInput too.
          expect(isOvmsError(error) && error.reason._tag === 'InvalidInput').toBe(true);
          return;
        }
        // getModelStatus reads GET /v1/config in parallel with the (refused) model request.
        const outcome = await run(captured, () => call(captured.config, fromConfig ? undefined : name, version), ['/v1/config']);
        if (outcome === 'rejected') return;
        for (const url of captured.urls) {
          if (new URL(url).pathname === '/v1/config') continue; // getModelStatus also reads the config status
          checkSegment(url, KSERVE, name, version);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('TFS: a model name is exactly one segment without ":" or "/", or InvalidInput', () => {
  const ops: readonly [string, (c: ClientConfig, model: string, version: unknown) => Promise<unknown>][] = [
    ['tfsGetModelStatus', (c, model, version) => tfsGetModelStatus(c, { model, version: version as string })],
    ['tfsGetModelMetadata', (c, model, version) => tfsGetModelMetadata(c, { model, version: version as string })],
    ['tfsPredict', (c, model, version) => tfsPredict(c, { model, version: version as string, instances: [[1]] })],
  ];
  it.each(ops)('%s', async (_op, call) => {
    await fc.assert(
      fc.asyncProperty(nameArb, versionArb, async (name, version) => {
        const captured = capturing();
        if ((await run(captured, () => call(captured.config, name, version))) === 'rejected') return;
        expect(captured.urls).toHaveLength(1);
        checkSegment(captured.urls[0] as string, TFS, name, version);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('OpenAI: a model id is percent-encoded segment by segment, or InvalidInput', () => {
  it('retrieveModel: GET /v3/models/{id} keeps "/" between encoded segments and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(nameArb, async (id) => {
        const captured = capturing();
        if ((await run(captured, () => retrieveModel(captured.config, id))) === 'rejected') return;
        expect(captured.urls).toHaveLength(1);
        const { pathname } = parsed(captured.urls[0] as string);
        expect(pathname.startsWith('/v3/models/')).toBe(true);
        const segments = pathname.slice('/v3/models/'.length).split('/');
        for (const s of segments) expect(['', '.', '..']).not.toContain(decodeURIComponent(s));
        expect(segments.map(decodeURIComponent).join('/')).toBe(id);
      }),
      { numRuns: RUNS },
    );
  });

  const posts: readonly [string, string, (c: ClientConfig, model: string) => Promise<unknown>][] = [
    ['chatCompletion', '/v3/chat/completions', (c, model) => chatCompletion(c, { model, messages: [{ role: 'user', content: 'x' }] })],
    ['completion', '/v3/completions', (c, model) => completion(c, { model, prompt: 'x' })],
    ['createEmbeddings', '/v3/embeddings', (c, model) => createEmbeddings(c, { model, input: 'x' })],
    ['rerank', '/v3/rerank', (c, model) => rerank(c, { model, query: 'q', documents: ['d'] })],
    ['tokenize', '/v3/tokenize', (c, model) => tokenize(c, { model, text: 'x' } as never)],
  ];
  it.each(posts)('%s: the path is fixed (%s), the name travels only in the JSON body', async (_op, path, call) => {
    await fc.assert(
      fc.asyncProperty(nameArb, async (model) => {
        const captured = capturing();
        if ((await run(captured, () => call(captured.config, model))) === 'rejected') return;
        expect(captured.urls).toHaveLength(1);
        expect(parsed(captured.urls[0] as string).pathname).toBe(path);
        expect((JSON.parse(captured.bodies[0] as string) as { model: unknown }).model).toBe(model);
      }),
      { numRuns: 100 },
    );
  });
});
