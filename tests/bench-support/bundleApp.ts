import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserModule from '@rollup/plugin-terser';
import { rollup } from 'rollup';

const terser = terserModule as unknown as () => import('rollup').OutputPlugin;

/** The project root (tests/bench-support/..). */
export const projectRoot = resolve(import.meta.dirname, '../..');

/** What an application bundle came out as. */
export interface AppBundle {
  readonly code: string;
  readonly minified: number;
  readonly gzipped: number;
}

/**
 * Bundles `source` as an application would (rollup, browser conditions, terser, gzip -9), with this
 * package (built `dist`, through its `exports`) and the named dev dependencies (e.g. `openai`)
 * resolvable, so that size comparisons with third-party clients are like for like. The approach of
 * `tests/helpers/bundle.ts`, plus the extra packages. Requires `npm run build` first.
 */
export async function bundleApp(source: string, packages: readonly string[] = []): Promise<AppBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'ovms-bundle-app-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(projectRoot, join(dir, 'node_modules', 'ipfs_accelerate_js'), 'dir');
    for (const name of packages) symlinkSync(join(projectRoot, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    writeFileSync(join(dir, 'entry.js'), source);
    const unresolved: string[] = [];
    const build = await rollup({
      input: join(dir, 'entry.js'),
      plugins: [nodeResolve({ browser: true, preferBuiltins: false, exportConditions: ['import', 'default'] })],
      onwarn: (warning) => {
        if (warning.code === 'UNRESOLVED_IMPORT' && warning.exporter !== undefined) unresolved.push(warning.exporter);
      },
    });
    const { output } = await build.generate({ format: 'es', plugins: [terser()] });
    await build.close();
    if (unresolved.length > 0) throw new Error(`bundle left imports unresolved: ${unresolved.join(', ')}`);
    const code = output.map((o) => ('code' in o ? o.code : '')).join('\n');
    return { code, minified: Buffer.byteLength(code), gzipped: gzipSync(code, { level: 9 }).byteLength };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The applications whose sizes the bundle tests and `npm run bench` report. */
export const APPS = {
  infer: `import { createConfig, infer } from 'ipfs_accelerate_js/ovms';\nexport const run = (b) => infer(createConfig({ model: 'dummy' }), { inputs: { b } });\n`,
  streamChat: [
    `import { createConfig } from 'ipfs_accelerate_js/ovms/createConfig';`,
    `import { streamChatCompletion } from 'ipfs_accelerate_js/ovms/streamChatCompletion';`,
    `export async function run(text) {`,
    `  for await (const c of streamChatCompletion(createConfig({ model: 'llm' }), { messages: [{ role: 'user', content: text }] })) console.log(c);`,
    `}`,
  ].join('\n'),
  facade: `import { OVMS } from 'ipfs_accelerate_js/api_backends';\nexport const run = (data) => new OVMS({}, { ovms_model: 'bert' }).infer(undefined, data);\n`,
  openaiStreamChat: [
    `import OpenAI from 'openai';`,
    `export async function run(text) {`,
    `  const client = new OpenAI({ baseURL: 'http://localhost:8000/v3', apiKey: 'x', dangerouslyAllowBrowser: true });`,
    `  const stream = await client.chat.completions.create({ model: 'llm', messages: [{ role: 'user', content: text }], stream: true });`,
    `  for await (const c of stream) console.log(c);`,
    `}`,
  ].join('\n'),
} as const;
