// Seed document, section "Model Versions and Version Management": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';
const inputData = [0, 1, 2, 3, 4];

// --- seed snippet ---
// Get available model versions
const ovms = new OVMS();
const modelVersions = await ovms.getModelVersions('bert');
console.log(`Available versions: ${modelVersions.join(', ')}`);

// Run inference with a specific version
const result = await ovms.inferWithVersion('bert', '2', inputData);
console.log('Result from version 2:', result);

// Run inference with a different version
const newResult = await ovms.inferWithVersion('bert', '3', inputData);
console.log('Result from version 3:', newResult);

// Check which version is set as default
const modelInfo = await ovms.getModelInfo('bert');
console.log(`Current default version: ${modelInfo.version || 'latest'}`);
// --- end of seed snippet ---

export {};
