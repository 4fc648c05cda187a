import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleConsumer, projectRoot, type BundleResult } from '../helpers/bundle.js';

/**
 * Budget for an app that only runs `infer`, minified and gzipped. Measured at 18.9 KiB when set:
 * ky ≈ 5 KiB, valibot's schemas ≈ 3 KiB, our pipeline, tensor codecs and validation the rest.
 */
const INFER_BUDGET_GZIP = 20 * 1024;

/** Strings that only exist in code we must not ship to an infer-only app. */
const FACADE_MARKERS = ['BaseApiBackend', 'createApiBackend', 'makePostRequestOVMS'];
// fp-ts's Either constructors survive minification as these object literals.
const FP_TS_MARKERS = ['_tag:"Left"', '_tag:"Right"'];
const OPENAI_MARKERS = ['/v3/', 'chat/completions', 'text/event-stream'];

beforeAll(() => {
  if (!existsSync(join(projectRoot, 'dist/esm/ovms.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
});

function expectAbsent(bundle: BundleResult, markers: readonly string[]): void {
  for (const m of markers) expect(bundle.code.includes(m), `bundle contains "${m}"`).toBe(false);
}

describe('tree-shaking', () => {
  it('an app importing { createConfig, infer } from ipfs_accelerate_js/ovms gets no facade, no fp-ts, no /v3 code', async () => {
    const bundle = await bundleConsumer(`import { createConfig, infer } from 'ipfs_accelerate_js/ovms';\nexport const run = (b) => infer(createConfig({ model: 'dummy' }), { inputs: { b } });\n`);
    console.info(`[bundle] createConfig + infer: ${bundle.minified} B minified, ${bundle.gzipped} B gzipped (budget ${INFER_BUDGET_GZIP})`);
    expect(bundle.code).toContain('/v2/models/');
    expectAbsent(bundle, [...FACADE_MARKERS, ...FP_TS_MARKERS, ...OPENAI_MARKERS]);
    expect(bundle.gzipped).toBeLessThan(INFER_BUDGET_GZIP);
  });

  it('the per-operation subpath gives the same result', async () => {
    const bundle = await bundleConsumer(
      `import { createConfig } from 'ipfs_accelerate_js/ovms/createConfig';\nimport { infer } from 'ipfs_accelerate_js/ovms/infer';\nexport const run = (b) => infer(createConfig(), { inputs: { b } });\n`,
    );
    expectAbsent(bundle, [...FACADE_MARKERS, ...FP_TS_MARKERS, ...OPENAI_MARKERS]);
    expect(bundle.gzipped).toBeLessThan(INFER_BUDGET_GZIP);
  });

  it('importing only a type-free helper pulls in neither ky nor valibot', async () => {
    const bundle = await bundleConsumer(`import { float32ToFloat16Bits } from 'ipfs_accelerate_js/ovms';\nexport const h = float32ToFloat16Bits(1);\n`);
    expect(bundle.code).not.toMatch(/throwHttpErrors|safeParse|ky/);
    expect(bundle.gzipped).toBeLessThan(1024);
  });

  it('control: the fp entry does contain fp-ts, so the markers above can detect it', async () => {
    const bundle = await bundleConsumer(`import { infer } from 'ipfs_accelerate_js/ovms/fp';\nexport { infer };\n`);
    expect(FP_TS_MARKERS.every((m) => bundle.code.includes(m))).toBe(true);
    expect(bundle.gzipped).toBeGreaterThan(1024);
  });
});
