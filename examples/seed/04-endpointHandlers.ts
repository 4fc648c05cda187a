// Seed document, section "Endpoint Handlers for Advanced Control": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';
const imageArray = [
  [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],
  [[0.7, 0.8, 0.9], [1.0, 1.1, 1.2]],
];

// --- seed snippet ---
// Create endpoint handlers for different models or endpoints
const ovms = new OVMS();

// Create endpoint handler for a specific model
const bertHandler = ovms.createEndpointHandler(
  'http://localhost:9000/v1/models/bert:predict',
  'bert'
);

// Create handler for a different model
const resnetHandler = ovms.createEndpointHandler(
  'http://localhost:9000/v1/models/resnet:predict', 
  'resnet'
);

// Use the handlers directly
const bertResult = await ovms.formatRequest(bertHandler, [0, 1, 2, 3]);
const resnetResult = await ovms.formatRequest(resnetHandler, imageArray);

// Testing if endpoints are available before using
const isBertAvailable = await ovms.testEndpoint(
  'http://localhost:9000/v1/models/bert:predict',
  'bert'
);

if (isBertAvailable) {
  console.log('BERT model is available for inference');
} else {
  console.log('BERT model is not available');
}
// --- end of seed snippet ---

export {};
