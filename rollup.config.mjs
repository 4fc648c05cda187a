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
  'ovms/explainPrediction': 'src/ops/explainPrediction.ts',
  'ovms/chatCompletion': 'src/ops/chatCompletion.ts',
  'ovms/streamChatCompletion': 'src/ops/streamChatCompletion.ts',
  'ovms/completion': 'src/ops/completion.ts',
  'ovms/streamCompletion': 'src/ops/streamCompletion.ts',
  'ovms/createEmbeddings': 'src/ops/createEmbeddings.ts',
  'ovms/rerank': 'src/ops/rerank.ts',
  'ovms/tokenize': 'src/ops/tokenize.ts',
  'ovms/listModels': 'src/ops/listModels.ts',
  'ovms/retrieveModel': 'src/ops/retrieveModel.ts',
  'ovms/collectText': 'src/protocols/openai/collectText.ts',
  'ovms/detectServerApi': 'src/ops/detectServerApi.ts',
  'ovms/getConfigStatus': 'src/ops/getConfigStatus.ts',
  'ovms/reloadConfig': 'src/ops/reloadConfig.ts',
  'ovms/waitForModelAvailable': 'src/ops/waitForModelAvailable.ts',
  'ovms/getModelStatus': 'src/ops/getModelStatus.ts',
  'ovms/getMetrics': 'src/ops/getMetrics.ts',
  'ovms/getServerStatistics': 'src/ops/getServerStatistics.ts',
  'ovms/updateModelConfig': 'src/ops/updateModelConfig.ts',
  'ovms/parsePrometheusText': 'src/protocols/metrics/parsePrometheusText.ts',
  // The legacy TensorFlow-Serving API (OVMS <= 2026.2), isolated so it can be dropped.
  'ovms/tfs': 'src/tfs.ts',
  'ovms/tfsPredict': 'src/ops/tfsPredict.ts',
  'ovms/tfsGetModelStatus': 'src/ops/tfsGetModelStatus.ts',
  'ovms/tfsGetModelMetadata': 'src/ops/tfsGetModelMetadata.ts',
  // The seed's OVMS class, BaseApiBackend and the backend factory.
  api_backends: 'src/api_backends/index.ts',
  // Node-only: the config.json file store for the management operations.
  'config-store': 'src/configStore/index.ts',
  // Node-only: the ovms command line; no browser-facing entry imports it.
  cli: 'src/cli/main.ts',
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
