import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserModule from '@rollup/plugin-terser';
import { rollup } from 'rollup';

// The plugin ships CommonJS types whose default export TypeScript (NodeNext) sees as the module object.
const terser = terserModule as unknown as () => import('rollup').OutputPlugin;

/** The project root (tests/helpers/..). */
export const projectRoot = resolve(import.meta.dirname, '../..');

/** What a consumer bundle came out as. */
export interface BundleResult {
  readonly code: string;
  readonly minified: number;
  readonly gzipped: number;
}

/**
 * Bundles `source` the way an application's bundler would: the package is resolved by name
 * through its `exports` map (from the built `dist`, browser conditions first), minified, gzipped.
 * Requires `npm run build` first.
 */
export async function bundleConsumer(source: string, options: { readonly browser?: boolean } = {}): Promise<BundleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ovms-bundle-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(projectRoot, join(dir, 'node_modules', 'ipfs_accelerate_js'), 'dir');
    writeFileSync(join(dir, 'entry.js'), source);
    const build = await rollup({
      input: join(dir, 'entry.js'),
      plugins: [nodeResolve({ browser: options.browser ?? true, preferBuiltins: false, exportConditions: ['import', 'default'] })],
      onwarn: () => undefined,
    });
    const { output } = await build.generate({ format: 'es', plugins: [terser()] });
    await build.close();
    const code = output.map((o) => ('code' in o ? o.code : '')).join('\n');
    return { code, minified: Buffer.byteLength(code), gzipped: gzipSync(code, { level: 9 }).byteLength };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
