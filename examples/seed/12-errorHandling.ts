// Seed document, section "Error Handling": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';
const ovms = new OVMS({}, { ovms_model: 'bert' });
const inputData = [0, 1, 2, 3, 4];

// --- seed snippet ---
// Handle potential inference errors
try {
  const result = await ovms.infer('bert', inputData);
  console.log('Inference successful:', result);
} catch (error) {
  if (error.status === 404) {
    console.error('Model not found. Check if the model is loaded on the server.');
  } else if (error.status === 400) {
    console.error('Bad request. Check your input format:', error.message);
  } else if (error.code === 'ECONNREFUSED') {
    console.error('Cannot connect to OVMS server. Ensure it\'s running.');
  } else {
    console.error('Inference error:', error);
  }
}
// --- end of seed snippet ---

export {};
