// Seed document, section "Custom API Endpoint and Model Configuration": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';
const inputData = [0, 1, 2, 3, 4];

// --- seed snippet ---
// For self-hosted OVMS deployments with custom configuration
const customOVMS = new OVMS({}, {
  ovms_api_key: 'your_api_key', // Optional authentication for secure deployments
  ovms_model: 'bert',
  ovms_api_url: 'http://custom-ovms-server.com:9000',
  ovms_version: '2',  // Specific model version
  ovms_precision: 'FP16',  // Precision to use
  timeout: 60000  // 60 second timeout for long-running inferences
});

// Run inference with specific options
const result = await customOVMS.infer('bert', inputData, {
  version: '3',  // Override version for this request only
  precision: 'INT8',  // Use INT8 precision for this request only
  timeout: 120000  // 120 second timeout for this specific request
});
// --- end of seed snippet ---

export {};
