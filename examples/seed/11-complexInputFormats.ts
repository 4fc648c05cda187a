// Seed document, section "Handling Complex Input Formats": the snippet between the markers is the seed's text, unchanged.
// Run by `npm run demo` against the bundled test server (see examples/seed/runSeedSnippets.ts).

// Preamble (not in the seed): what the snippet uses but does not define.
import { OVMS } from 'ipfs_accelerate_js/api_backends';
const ovms = new OVMS({}, { ovms_model: 'bert' });

// --- seed snippet ---
// 1. Array input (e.g., for embeddings)
const arrayInput = [0, 1, 2, 3, 4];
const arrayResult = await ovms.infer('bert', arrayInput);

// 2. Object input (e.g., for structured data)
const objectInput = {
  data: [0, 1, 2, 3],
  mask: [1, 1, 1, 1]
};
const objectResult = await ovms.infer('bert', objectInput);

// 3. Nested array input (e.g., for images)
const imageInput = [
  [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],
  [[0.7, 0.8, 0.9], [1.0, 1.1, 1.2]]
];
const imageResult = await ovms.infer('resnet', imageInput);

// 4. Pre-formatted OVMS input
const ovmsFormatInput = {
  instances: [
    {
      data: [0, 1, 2, 3],
      mask: [1, 1, 1, 1]
    }
  ]
};
const formattedResult = await ovms.infer('bert', ovmsFormatInput);
// --- end of seed snippet ---

export {};
