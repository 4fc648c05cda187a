// Seed document, section "Quantization for Memory and Performance Optimization": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';
// OVMS cannot quantize a model at run time; the backend switches the model to a pre-quantized copy,
// and this tells it where the copies are (on the test server, built-in servables).
const ovms = new OVMS({}, { ovms_model: 'bert', ovms_quantized_models: { bert: { base_path: 'builtin:bert', int8: 'builtin:bert_int8' } } });
const inputData = [0, 1, 2, 3, 4];

// --- seed snippet ---
// Enable INT8 quantization for a model
await ovms.setQuantization('bert', {
  enabled: true,
  method: 'int8',
  bits: 8
});
console.log('Model quantized to INT8 precision');

// Run inference with the quantized model
const quantizedResult = await ovms.infer('bert', inputData);

// Disable quantization if needed for higher accuracy
await ovms.setQuantization('bert', {
  enabled: false
});
console.log('Quantization disabled');
// --- end of seed snippet ---

export {};
