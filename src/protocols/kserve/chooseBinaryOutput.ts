import { OvmsError, invalidInput } from '../../errors/OvmsError.js';
import type { ModelMetadata } from './kserveSchemas.js';

/** A dynamic dimension counts as this large when comparing output sizes. */
const DYNAMIC_GUESS = 1024;

/**
 * Picks the output to receive as binary data. OVMS keeps only the last element of the request's
 * `outputs` (rest-api.md §4.3), so one output per request can be binary: a FP16/BF16 output must
 * be the one (OVMS cannot write those as JSON, §4.4); otherwise the largest, where binary saves most.
 *
 * @param metadata - The model's metadata; without it only an explicit name can be chosen.
 * @param choice - `true`/undefined: automatic; `false`: none; a string: that output.
 * @throws {OvmsError} `InvalidInput` for an unknown output name; `Unsupported` for a model with two half-precision outputs.
 */
export function chooseBinaryOutput(metadata: ModelMetadata | undefined, choice: boolean | string | undefined): string | undefined {
  if (choice === false) return undefined;
  const outputs = metadata?.outputs.filter((o) => o.datatype !== 'INVALID') ?? [];
  if (typeof choice === 'string') {
    if (metadata !== undefined && outputs.length > 0 && !outputs.some((o) => o.name === choice)) {
      throw invalidInput('binaryOutput', `model "${metadata.name}" has no output "${choice}" (outputs: ${outputs.map((o) => o.name).join(', ')})`);
    }
    return choice;
  }
  if (outputs.length === 0) return undefined;
  const half = outputs.filter((o) => o.datatype === 'FP16' || o.datatype === 'BF16');
  if (half.length > 1) {
    throw new OvmsError(
      { _tag: 'Unsupported' },
      `model "${metadata?.name}" has ${half.length} half-precision outputs (${half.map((o) => o.name).join(', ')}); OVMS can return only one binary output per request and cannot write FP16/BF16 as JSON`,
    );
  }
  if (half.length === 1) return half[0]?.name;
  let best = outputs[0];
  let bestSize = -1;
  for (const o of outputs) {
    const size = o.shape.reduce((p, d) => p * (d < 0 ? DYNAMIC_GUESS : d), 1);
    if (size > bestSize) {
      best = o;
      bestSize = size;
    }
  }
  return best?.name;
}
