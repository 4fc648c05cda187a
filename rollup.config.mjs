// Builds ESM (one file per source module, so bundlers tree-shake), CJS, and one bundled .d.ts/.d.cts
// per public entry. The entry list is the single source of the package's subpaths: the packaging
// test checks that package.json "exports" matches it.
import { readFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const external = (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`));

/** Public subpath → source file. The key is also the types file name under dist/types. */
export const entries = {
  index: 'src/index.ts',
  ovms: 'src/ovms.ts',
  'ovms/fp': 'src/fp/index.ts',
  'ovms/createConfig': 'src/config/createConfig.ts',
  'ovms/withConfig': 'src/config/withConfig.ts',
  'ovms/getServerLive': 'src/ops/getServerLive.ts',
  'ovms/getServerReady': 'src/ops/getServerReady.ts',
  'ovms/getServerMetadata': 'src/ops/getServerMetadata.ts',
  'ovms/getModelReady': 'src/ops/getModelReady.ts',
  'ovms/getModelMetadataWithShapes': 'src/ops/getModelMetadataWithShapes.ts',
  'ovms/infer': 'src/ops/infer.ts',
  'ovms/batchInfer': 'src/ops/batchInfer.ts',
  // Node-only: the OVMS-compatible test server and its command line. No browser-facing entry imports them.
  testing: 'src/testing/index.ts',
  'testing/cli': 'src/testing/cli.ts',
};

const input = Object.values(entries);
const dtsInput = Object.fromEntries(Object.entries(entries));

export default [
  {
    input,
    external,
    plugins: [typescript({ tsconfig: './tsconfig.build.json' })],
    output: [
      { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js', sourcemap: true },
      {
        dir: 'dist/cjs',
        format: 'cjs',
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].cjs',
        exports: 'named',
        interop: 'auto',
        sourcemap: true,
      },
    ],
  },
  {
    input: dtsInput,
    external,
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
    output: [
      { dir: 'dist/types', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: '_chunks/[name]-[hash].d.ts' },
      { dir: 'dist/types', format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: '_chunks/[name]-[hash].d.cts' },
    ],
  },
];
