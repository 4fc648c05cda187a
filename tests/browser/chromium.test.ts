/**
 * End to end in a real browser: Debian's Chromium (headless, driven by playwright-core) opens
 * examples/browser/ from a static server on one origin and calls the OVMS-compatible test server
 * on another origin through CORS, with the library's unbundled ESM build (dist/esm) loaded by an
 * import map. Requires `npm run build` first. Skips only when /usr/bin/chromium is absent
 * (`.ci/run` installs Debian's `chromium` package).
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { projectRoot } from '../helpers/bundle.js';

// Debian's chromium package; playwright-core never downloads a browser here.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`[browser] SKIPPED: ${CHROMIUM} is missing. Install Debian's chromium (apt-get install -y chromium; .ci/run does it) to run the browser test.`);
}

/** Screenshots land here (git-ignored). */
const OUTPUT_DIR = join(projectRoot, 'tests/browser/__output__');

/** What the page may load: the example, the library's ESM build, and the three dependencies' ESM files. */
const SERVED = ['examples/browser/', 'dist/esm/', 'node_modules/ky/', 'node_modules/valibot/', 'node_modules/eventsource-parser/'];
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** A static file server for the repository root, limited to {@link SERVED}, on 127.0.0.1 and a free port. */
async function startStaticServer(): Promise<{ readonly url: string; readonly server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '');
    const file = join(projectRoot, path);
    const allowed = !path.split(sep).includes('..') && SERVED.some((prefix) => path.split(sep).join('/').startsWith(prefix));
    if (req.method !== 'GET' || !allowed || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.skipIf(!hasChromium)('examples/browser in Chromium (headless), cross-origin', () => {
  let ovms: TestServer;
  let site: { readonly url: string; readonly server: Server };
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  /** Every URL the page requested, and whatever it logged as an error. */
  const requested: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(projectRoot, 'dist/esm/ovms.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    mkdirSync(OUTPUT_DIR, { recursive: true });
    site = await startStaticServer();
    // OVMS's --allowed_origins set to the page's origin, and a delay per token so streaming is observable.
    ovms = await startTestServer({ cors: site.url, tokenDelayMs: 30 });
    userDataDir = mkdtempSync(join(tmpdir(), 'ovms-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 960, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requested.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(`console: ${m.text()}`));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await ovms?.close();
    await new Promise((resolve) => (site?.server ? site.server.close(resolve) : resolve(undefined)));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('lists the models, infers on dummy with binary tensors and streams the chat token by token', async () => {
    await page.goto(`${site.url}/examples/browser/index.html?server=${encodeURIComponent(ovms.url)}`);

    // Streaming: the page shows some tokens while the reply is still coming.
    await page.waitForFunction(() => {
      const out = document.querySelector<HTMLElement>('#chat-output');
      return out !== null && out.querySelectorAll('.token').length >= 2 && out.dataset['done'] === undefined;
    }, undefined, { timeout: 20_000 });
    await page.waitForSelector('#status[data-state="done"]', { timeout: 20_000 });
    await page.screenshot({ path: join(OUTPUT_DIR, 'chromium.png'), fullPage: true });

    const shown = await page.evaluate(() => ({
      status: document.querySelector('#status')?.textContent,
      error: document.querySelector('#error')?.textContent,
      sectionErrors: [...document.querySelectorAll('section .error')].map((e) => e.textContent),
      models: [...document.querySelectorAll('#models li')].map((li) => li.textContent),
      inferOutput: document.querySelector('#infer-output')?.textContent,
      chat: document.querySelector('#chat-output')?.textContent,
      tokens: document.querySelectorAll('#chat-output .token').length,
    }));
    expect({ ...shown, pageErrors }).toMatchObject({ error: '', sectionErrors: ['', '', ''], pageErrors: [] });
    expect(shown.status).toBe(`Done: ${ovms.url}`);
    expect(shown.models).toEqual(expect.arrayContaining(['dummy', 'llama3']));
    expect(shown.inferOutput).toBe('a FP32 [1, 10]: Float32Array [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]');
    expect(shown.chat).toBe('This is a deterministic reply from the OVMS test server. You said: Hello from the browser');
    expect(shown.tokens).toBeGreaterThan(5);

    // What the server saw: cross-origin requests from the page, and the input as a binary tensor.
    const inferCall = ovms.received.find((r) => r.method === 'POST' && r.url === '/v2/models/dummy/infer');
    expect(inferCall?.headers.origin).toBe(site.url);
    expect(inferCall?.headers['inference-header-content-length']).toMatch(/^\d+$/);
    const jsonLength = Number(inferCall?.headers['inference-header-content-length']);
    expect(inferCall?.bodyLength).toBe(jsonLength + 10 * Float32Array.BYTES_PER_ELEMENT);
    // …and the output was asked for as binary data, which the page decoded without the hidden header.
    expect(JSON.parse(inferCall?.body.subarray(0, jsonLength).toString() ?? '{}').outputs).toEqual([{ name: 'a', parameters: { binary_data: true } }]);
    expect(ovms.received.some((r) => r.method === 'OPTIONS' && r.url === '/v2/models/dummy/infer')).toBe(true);
    // The page loaded only what the two local servers serve.
    expect(requested.filter((u) => !u.startsWith(`${site.url}/`) && !u.startsWith(`${ovms.url}/`))).toEqual([]);
  }, 60_000);

  it('decodes a binary output cross-origin, where the Inference-Header-Content-Length header is hidden', async () => {
    // OVMS (and the test server, like it) sends no Access-Control-Expose-Headers, so fetch hides
    // Inference-Header-Content-Length from a page on another origin; the decoder finds the end of the
    // JSON header by itself.
    await page.goto(`${site.url}/examples/browser/index.html`);
    // A string, so vitest does not rewrite the page's dynamic import; the import map resolves it.
    const outcome = await page.evaluate(`(async () => {
      const lib = await import('ipfs_accelerate_js/ovms');
      const config = lib.createConfig({ baseUrl: ${JSON.stringify(ovms.url)}, retry: false });
      try {
        const result = await lib.infer(config, { model: 'dummy', inputs: { b: new Float32Array(10) } });
        return { ok: Array.from(result.outputs[0].data) };
      } catch (error) {
        return { error: lib.isOvmsError(error) ? error.reason._tag : String(error) };
      }
    })()`);
    expect(outcome).toEqual({ ok: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] });
    const answer = ovms.received.at(-1);
    expect(answer?.url).toBe('/v2/models/dummy/infer');
  }, 60_000);

  it('shows visible errors when the server is unreachable (typed into the field)', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    await page.goto(`${site.url}/examples/browser/index.html`);
    await page.fill('#server', dead);
    await page.click('#run');
    await page.waitForSelector('#status[data-state="done"]', { timeout: 20_000 });
    await page.screenshot({ path: join(OUTPUT_DIR, 'chromium-unreachable.png'), fullPage: true });

    await expect.poll(() => page.isVisible('#error')).toBe(true);
    expect(await page.textContent('#error')).toContain(`Could not use the server at ${dead}`);
    const sectionErrors = await page.$$eval('section .error', (els) => els.map((e) => e.textContent ?? ''));
    expect(sectionErrors).toHaveLength(3);
    for (const text of sectionErrors) expect(text).toMatch(/^Transport: /);
    for (const selector of ['#models-section .error', '#infer-section .error', '#chat-section .error']) expect(await page.isVisible(selector)).toBe(true);
    expect(await page.textContent('#status')).toBe(`Done with errors: ${dead}`);
  }, 60_000);
});
