import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPS, bundleApp, projectRoot } from '../bench-support/bundleApp.js';

/**
 * Budget for an app that uses the `OVMS` facade (`ipfs_accelerate_js/api_backends`), minified and
 * gzipped: the facade reaches most operations (KServe, /v3 chat, management, explain), so it is
 * the largest use case. Measured at 42.5 KiB when set (npm run bench prints the figure).
 */
const FACADE_BUDGET_GZIP = 48 * 1024;

beforeAll(() => {
  if (!existsSync(join(projectRoot, 'dist/esm/api_backends/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
});

describe('bundle sizes', () => {
  it('an app using the OVMS facade stays under its budget', async () => {
    const bundle = await bundleApp(APPS.facade);
    console.info(`[bundle] OVMS facade: ${bundle.minified} B minified, ${bundle.gzipped} B gzipped (budget ${FACADE_BUDGET_GZIP})`);
    expect(bundle.code).toContain('/v2/models');
    expect(bundle.gzipped).toBeLessThan(FACADE_BUDGET_GZIP);
  });

  it('side by side (printed, not asserted): streaming a chat with streamChatCompletion vs with the openai package', async () => {
    const [ours, openai] = await Promise.all([bundleApp(APPS.streamChat), bundleApp(APPS.openaiStreamChat, ['openai'])]);
    console.info(`[bundle] stream chat: ipfs_accelerate_js ${ours.gzipped} B gzipped vs openai ${openai.gzipped} B gzipped (ratio ${(ours.gzipped / openai.gzipped).toFixed(2)})`);
    // Only that both bundles are real: the comparison itself is a figure, not a pass/fail.
    expect(ours.code).toContain('chat/completions');
    expect(openai.code).toContain('chat/completions');
  });
});
