import { invalidInput } from '../../errors/OvmsError.js';
import type { InferInputTensor } from '../../protocols/kserve/InferRequest.js';
import type { TensorMetadata } from '../../protocols/kserve/kserveSchemas.js';
import { isDatatype } from '../../tensors/datatypes.js';
import type { TensorInputData } from '../../tensors/types.js';
import { isNativeDatatype, typedArrayConstructor } from '../../tensors/typedArrayConstructor.js';

/**
 * All-zero inputs shaped after a model's metadata, for a benchmark without input files. A dynamic
 * dimension (`-1`) becomes 1. FP16/BF16 are given as float32 zeros (the library converts them),
 * BOOL as `false`, BYTES as empty strings.
 *
 * @param inputs - The model's inputs from its metadata.
 * @returns One tensor per input.
 * @throws {OvmsError} `InvalidInput` (field `--input`) for a datatype that is not KServe's (a
 *   MediaPipe graph reports `INVALID`): such a servable needs input files.
 */
export function zeroInputs(inputs: readonly TensorMetadata[]): InferInputTensor[] {
  return inputs.map((input) => {
    const { datatype } = input;
    if (!isDatatype(datatype)) {
      throw invalidInput('--input', `input "${input.name}" has datatype ${datatype}, so zeros cannot be made for it: give --input files`);
    }
    const shape = input.shape.map((d) => (d < 0 ? 1 : d));
    const count = shape.reduce((a, b) => a * b, 1);
    let data: TensorInputData;
    if (datatype === 'BOOL') data = new Array<boolean>(count).fill(false);
    else if (datatype === 'BYTES') data = new Array<string>(count).fill('');
    else if (datatype === 'FP16' || datatype === 'BF16') data = new Float32Array(count);
    else if (isNativeDatatype(datatype)) data = new (typedArrayConstructor(datatype))(count);
    else throw invalidInput('--input', `input "${input.name}": unsupported datatype ${datatype}`);
    return { name: input.name, datatype, shape, data };
  });
}
