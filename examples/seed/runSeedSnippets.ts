// Runs every snippet of the seed document, unchanged, against a test server: `npm run demo` calls
// this after the functional examples. Each snippet is its own module; importing it runs it.
import { startTestServer } from 'ipfs_accelerate_js/testing';
import { routeSeedHostsTo } from './seedHosts.js';

const SNIPPETS = [
  ['Basic Usage', './01-basicUsage.js'],
  ['Using with the API Backend Factory', './02-backendFactory.js'],
  ['Custom API Endpoint and Model Configuration', './03-customEndpointAndConfig.js'],
  ['Endpoint Handlers for Advanced Control', './04-endpointHandlers.js'],
  ['Model Versions and Version Management', './05-modelVersions.js'],
  ['Server and Model Information', './06-serverAndModelInfo.js'],
  ['Performance Optimization', './07-performanceOptimization.js'],
  ['Quantization for Memory and Performance Optimization', './08-quantization.js'],
  ['Model Metadata and Explainability', './09-metadataAndExplainability.js'],
  ['Chat Interface Support', './10-chatInterface.js'],
  ['Handling Complex Input Formats', './11-complexInputFormats.js'],
  ['Error Handling', './12-errorHandling.js'],
] as const;

/** Runs the snippets in order; returns how many failed (each failure is printed, the rest still run). */
export async function runSeedSnippets(print: (line: string) => void = console.log): Promise<number> {
  const server = await startTestServer();
  const restore = routeSeedHostsTo(server.url);
  // The management snippets edit the server's config.json, as OVMS's own mechanism requires.
  process.env['OVMS_CONFIG_PATH'] = server.configPath;
  let failed = 0;
  try {
    for (const [title, path] of SNIPPETS) {
      print(`── seed: ${title} ${'─'.repeat(Math.max(0, 54 - title.length))}`);
      try {
        await import(path);
      } catch (error) {
        failed++;
        console.error(`!! seed snippet "${title}" failed:`, error);
      }
      print('');
    }
  } finally {
    delete process.env['OVMS_CONFIG_PATH'];
    restore();
    await server.close();
  }
  return failed;
}
