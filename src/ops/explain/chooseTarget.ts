import { invalidInput } from '../../errors/OvmsError.js';
import type { InferResult } from '../../protocols/kserve/InferResult.js';
import type { ModelMetadata } from '../../protocols/kserve/kserveSchemas.js';
import { shapeSize } from '../../tensors/shapeSize.js';
import type { ExplainTarget, ExplanationTarget } from '../explainPrediction.js';

const FLOAT = /^(FP16|BF16|FP32|FP64)$/;

/**
 * The score an explanation attributes, fixed from the prediction for the unperturbed input.
 *
 * Output: `target.output`, else the model's first output (metadata order). Score: the element at
 * the flat index `target.index`; else the `target.reduce` of the whole output; else, for a
 * classifier-like output, the element of the predicted class (argmax, first on ties); else the sum
 * of the output. Classifier-like: floating point, shape `[1, C]` with C ≥ 2, and C fixed in the
 * model's metadata (`[-1, 10]`): a class count is a property of the model, whereas a dynamic last
 * dimension follows the input (a sequence, a running sum) and has no "class" to pick.
 *
 * @param baseline - The result for the unperturbed input.
 * @param metadata - The model's metadata.
 * @param requested - The caller's choice, if any.
 * @returns The resolved target.
 * @throws {OvmsError} `InvalidInput` for an unknown output, a BYTES output, an index out of range,
 *   or both `index` and `reduce`.
 */
export function chooseTarget(baseline: InferResult, metadata: ModelMetadata, requested: ExplainTarget | undefined): ExplanationTarget {
  const outputs = baseline.outputs;
  const name = requested?.output ?? metadata.outputs.map((o) => o.name).find((n) => outputs.some((o) => o.name === n)) ?? outputs[0]?.name;
  const output = outputs.find((o) => o.name === name);
  if (output === undefined) {
    throw invalidInput('target.output', `model "${metadata.name}" has no output ${JSON.stringify(name)}; its outputs: ${outputs.map((o) => o.name).join(', ')}`);
  }
  if (output.datatype === 'BYTES') throw invalidInput('target.output', `output "${output.name}" is BYTES and has no numeric score; choose another with target.output`);
  const size = shapeSize(output.shape);
  if (requested?.index !== undefined) {
    if (requested.reduce !== undefined) throw invalidInput('target', 'give `index` or `reduce`, not both');
    if (!Number.isSafeInteger(requested.index) || requested.index < 0 || requested.index >= size) {
      throw invalidInput('target.index', `expected a flat index in [0, ${size}) of output "${output.name}" (shape [${output.shape.join(', ')}]), got ${String(requested.index)}`);
    }
    return { output: output.name, index: requested.index, score: 'element' };
  }
  if (requested?.reduce !== undefined) return { output: output.name, index: null, score: requested.reduce };
  const declared = metadata.outputs.find((o) => o.name === output.name)?.shape;
  const classes = output.shape[1] ?? 0;
  if (FLOAT.test(output.datatype) && output.shape.length === 2 && output.shape[0] === 1 && classes >= 2 && declared?.length === 2 && declared[1] === classes) {
    const data = output.data as ArrayLike<number>;
    let best = 0;
    for (let i = 1; i < data.length; i += 1) if ((data[i] as number) > (data[best] as number)) best = i;
    return { output: output.name, index: best, score: 'element' };
  }
  return { output: output.name, index: null, score: 'sum' };
}
