// Seed document, section "Using with the API Backend Factory": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// --- seed snippet ---
import { createApiBackend, findCompatibleBackend } from 'ipfs_accelerate_js/api_backends';

// Create backend by name
const ovms = createApiBackend('ovms', {}, {
  ovms_api_url: 'http://localhost:9000',
  ovms_model: 'bert'
});

// Find compatible backend for a model
const modelName = 'bert';
const backend = findCompatibleBackend(modelName);
if (backend) {
  console.log(`Found compatible backend: ${backend.constructor.name}`);
  
  // Run inference with the automatically selected backend
  const result = await backend.infer(modelName, [0, 1, 2, 3]);
  console.log('Inference result:', result);
}
// --- end of seed snippet ---

export {};
