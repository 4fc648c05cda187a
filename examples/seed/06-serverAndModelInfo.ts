// Seed document, section "Server and Model Information": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';

// --- seed snippet ---
// Get detailed model information
const ovms = new OVMS();
const modelInfo = await ovms.getModelInfo('bert');
console.log(`Model name: ${modelInfo.name}`);
console.log(`Available versions: ${modelInfo.versions.join(', ')}`);
console.log(`Platform: ${modelInfo.platform}`);

// Input and output shapes are critical for understanding model requirements
if (modelInfo.inputs && modelInfo.inputs.length > 0) {
  console.log(`Input name: ${modelInfo.inputs[0].name}`);
  console.log(`Input datatype: ${modelInfo.inputs[0].datatype}`);
  console.log(`Input shape: [${modelInfo.inputs[0].shape.join(', ')}]`);
}

// Get detailed model status including loading state
const status = await ovms.getModelStatus('bert');
console.log(`Model state: ${status.state}`);
console.log(`Model health: ${status.health || 'Unknown'}`);

// Get comprehensive server statistics
const statistics = await ovms.getServerStatistics();
console.log(`Server uptime: ${statistics.server_uptime} seconds`);
console.log(`Server version: ${statistics.server_version}`);
console.log(`Active models: ${statistics.active_models}`);
console.log(`Total requests: ${statistics.total_requests}`);
console.log(`Requests/second: ${statistics.requests_per_second}`);
console.log(`Avg inference time: ${statistics.avg_inference_time}ms`);
console.log(`CPU usage: ${statistics.cpu_usage}%`);
console.log(`Memory usage: ${statistics.memory_usage}MB`);
// --- end of seed snippet ---

export {};
