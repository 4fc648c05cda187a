import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleConsumer, projectRoot, type BundleResult } from '../helpers/bundle.js';

/**
 * Budget for an app that only streams chat, minified and gzipped. Measured at 14.3 KiB when set:
 * ky ≈ 5 KiB, valibot (config and chunk schemas), eventsource-parser, our pipeline and SSE reader the rest.
 */
const STREAM_CHAT_BUDGET_GZIP = 16 * 1024;

/** Strings that only exist in code a chat-only app must not get: KServe and the facade. */
const KSERVE_MARKERS = ['/v2/models', '/v2/health', 'binary_data_size', 'inference-header-content-length'];
const FACADE_MARKERS = ['BaseApiBackend', 'createApiBackend', 'makePostRequestOVMS'];
const FP_TS_MARKERS = ['_tag:"Left"', '_tag:"Right"'];

beforeAll(() => {
  if (!existsSync(join(projectRoot, 'dist/esm/ops/streamChatCompletion.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
});

function expectAbsent(bundle: BundleResult, markers: readonly string[]): void {
  for (const m of markers) expect(bundle.code.includes(m), `bundle contains "${m}"`).toBe(false);
}

describe('tree-shaking of the OpenAI-style operations', () => {
  it('an app importing only streamChatCompletion (and createConfig) gets no KServe, facade or fp-ts code', async () => {
    const bundle = await bundleConsumer(
      [
        `import { createConfig } from 'ipfs_accelerate_js/ovms/createConfig';`,
        `import { streamChatCompletion } from 'ipfs_accelerate_js/ovms/streamChatCompletion';`,
        `export async function run(text) {`,
        `  for await (const c of streamChatCompletion(createConfig({ model: 'llm' }), { messages: [{ role: 'user', content: text }] })) console.log(c);`,
        `}`,
      ].join('\n'),
    );
    console.info(`[bundle] createConfig + streamChatCompletion: ${bundle.minified} B minified, ${bundle.gzipped} B gzipped (budget ${STREAM_CHAT_BUDGET_GZIP})`);
    expect(bundle.code).toContain('chat/completions');
    expect(bundle.code).toContain('text/event-stream');
    expectAbsent(bundle, [...KSERVE_MARKERS, ...FACADE_MARKERS, ...FP_TS_MARKERS]);
    expect(bundle.gzipped).toBeLessThan(STREAM_CHAT_BUDGET_GZIP);
  });

  it('the same through the ovms entry', async () => {
    const bundle = await bundleConsumer(
      `import { createConfig, streamChatCompletion, collectText } from 'ipfs_accelerate_js/ovms';\nexport const run = (content) => collectText(streamChatCompletion(createConfig({ model: 'llm' }), { messages: [{ role: 'user', content }] }));\n`,
    );
    expectAbsent(bundle, [...KSERVE_MARKERS, ...FACADE_MARKERS, ...FP_TS_MARKERS]);
    expect(bundle.gzipped).toBeLessThan(STREAM_CHAT_BUDGET_GZIP);
  });

  it('control: an infer app does contain the KServe markers, so their absence above means something', async () => {
    const bundle = await bundleConsumer(`import { createConfig, infer } from 'ipfs_accelerate_js/ovms';\nexport const run = (b) => infer(createConfig({ model: 'dummy' }), { inputs: { b } });\n`);
    expect(bundle.code).toContain('/v2/models');
    expect(bundle.code).not.toContain('text/event-stream');
  });
});
