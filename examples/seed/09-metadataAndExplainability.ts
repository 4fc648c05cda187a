// Seed document, section "Model Metadata and Explainability": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';
const ovms = new OVMS({}, { ovms_model: 'bert' });
const inputData = [0, 1, 2, 3, 4];

// --- seed snippet ---
// Get comprehensive model metadata with input/output shapes
const metadata = await ovms.getModelMetadataWithShapes('bert');

// Log all inputs with their shapes
metadata.inputs.forEach(input => {
  console.log(`Input: ${input.name}, Type: ${input.datatype}, Shape: [${input.shape.join(', ')}]`);
});

// Log all outputs with their shapes
metadata.outputs.forEach(output => {
  console.log(`Output: ${output.name}, Type: ${output.datatype}, Shape: [${output.shape.join(', ')}]`);
});

// Get explanations for a prediction (if supported by model)
// Note: This requires a model that supports explainability
const explanation = await ovms.explainPrediction('bert', inputData);
console.log('Feature importance:', explanation.feature_importance);
console.log('Explanation factors:', explanation.factors);
// --- end of seed snippet ---

export {};
