// Seed document, section "Basic Usage": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// --- seed snippet ---
import { OVMS } from 'ipfs_accelerate_js/api_backends';

// Initialize with API URL and model
const ovms = new OVMS({}, {
  ovms_api_url: 'http://localhost:9000',
  ovms_model: 'bert'
});

// Basic inference
async function runInference() {
  // Sample input data - format depends on your model's input requirements
  const inputData = [0, 1, 2, 3, 4];
  
  // Run inference with default model
  const result = await ovms.infer(undefined, inputData);
  console.log('Inference result:', result);
  
  // Or specify a different model
  const customResult = await ovms.infer('custom_model', inputData);
  console.log('Custom model result:', customResult);
}

// Batch inference for higher throughput
async function runBatchInference() {
  // Sample batch data - multiple inputs to process at once
  const batchData = [
    [0, 1, 2, 3],
    [4, 5, 6, 7],
    [8, 9, 10, 11]
  ];
  
  // Run batch inference
  const results = await ovms.batchInfer('bert', batchData);
  
  console.log(`Processed ${results.length} inputs in one batch`);
  console.log('Batch inference results:', results);
}
// --- end of seed snippet ---

// Epilogue (not in the seed): the snippet defines these functions; run them.
await runInference();
await runBatchInference();

export {};
