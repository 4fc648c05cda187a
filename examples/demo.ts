// `npm run demo`: starts the bundled OVMS-compatible test server on a free port and runs every
// example against it. Point the same examples at a real OVMS with
// `npx tsx examples/functional/infer.ts http://localhost:8000`.
import { startTestServer } from 'ipfs_accelerate_js/testing';
import { main as batchAndVersions } from './functional/batchAndVersions.js';
import { main as errorsAndRetry } from './functional/errorsAndRetry.js';
import { main as fpTs } from './functional/fpTs.js';
import { main as healthAndMetadata } from './functional/healthAndMetadata.js';
import { main as infer } from './functional/infer.js';
import { main as streamingChat } from './functional/streamingChat.js';
import { runSeedSnippets } from './seed/runSeedSnippets.js';

const server = await startTestServer();
console.log(`OVMS-compatible test server on ${server.url} (config: ${server.configPath})\n`);

const sections: [string, (url: string) => Promise<void>, (() => void)?][] = [
  ['Health and metadata', healthAndMetadata],
  ['Inference', infer],
  ['Batches and versions', batchAndVersions],
  ['Errors and retries', errorsAndRetry, () => server.faults.failNext(2, 503, 0)],
  ['fp-ts', fpTs],
  ['Streaming chat, embeddings, rerank (/v3)', streamingChat],
];

let failed = 0;
try {
  for (const [title, run, arrange] of sections) {
    console.log(`── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`);
    arrange?.();
    try {
      await run(server.url);
    } catch (error) {
      failed++;
      console.error(`!! ${title} failed:`, error);
    }
    console.log();
  }
} finally {
  await server.close();
}

// The seed document's snippets, unchanged, through the OVMS class (each against a fresh server).
console.log('The seed document, snippet by snippet (ipfs_accelerate_js/api_backends)\n');
const seedFailed = await runSeedSnippets();

const total = failed + seedFailed;
console.log(total === 0 ? `demo: all ${sections.length} sections and 12 seed snippets ran` : `demo: ${failed} sections and ${seedFailed} seed snippets failed`);
process.exitCode = total === 0 ? 0 : 1;
