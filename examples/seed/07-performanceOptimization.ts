// Seed document, section "Performance Optimization": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';
const ovms = new OVMS({}, { ovms_model: 'bert' });
const inputData = [0, 1, 2, 3, 4];
const batchData = [
  [0, 1, 2, 3],
  [4, 5, 6, 7],
  [8, 9, 10, 11],
];

// --- seed snippet ---
// Reload a model (useful after updating model files)
await ovms.reloadModel('bert');

// Optimize for batch processing
await ovms.setModelConfig('bert', {
  batch_size: 32,        // Maximum batch size
  preferred_batch: 16,   // Preferred batch size for optimal performance
  instance_count: 2      // Number of model instances to run in parallel
});

// Set execution mode for latency-optimized inference (low latency)
await ovms.setExecutionMode('bert', 'latency');
console.log('Model optimized for lowest latency');

// Run latency-sensitive inference
const latencyResult = await ovms.infer('bert', inputData);

// Set execution mode for throughput-optimized inference (high throughput)
await ovms.setExecutionMode('bert', 'throughput');
console.log('Model optimized for maximum throughput');

// Run throughput-oriented batch inference
const throughputResults = await ovms.batchInfer('bert', batchData);
// --- end of seed snippet ---

export {};
