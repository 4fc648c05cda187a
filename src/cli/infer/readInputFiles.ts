import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { invalidInput, isOvmsError } from '../../errors/OvmsError.js';
import type { InferInputTensor } from '../../protocols/kserve/InferRequest.js';
import type { TensorMetadata } from '../../protocols/kserve/kserveSchemas.js';
import { isDatatype } from '../../tensors/datatypes.js';
import type { TensorInputData } from '../../tensors/types.js';
import { decodeNpy } from '../npy/decodeNpy.js';
import type { InputSpec } from './parseInputSpec.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Reads `--input` files into named tensors.
 *
 * - `.npy`: one tensor with the file's dtype and shape, for the input named by `name=path`, else the
 *   model's only input, else the input named like the file (`mask.npy` → `mask`).
 * - JSON: `{"<input>": nested array, …}` (shape from the nesting, datatype from the model), or
 *   KServe-style `{"inputs": [{"name", "shape", "datatype", "data"}]}`; `name=path` picks one entry.
 *
 * @param specs - Parsed `--input` arguments.
 * @param inputs - The model's inputs, from its metadata.
 * @param cwd - Directory relative paths resolve against.
 * @returns One tensor per input, in the order given.
 * @throws {OvmsError} `InvalidInput` (field `--input`): unreadable or malformed file, unknown or
 *   repeated input name, an `.npy` file whose input cannot be told.
 */
export async function readInputFiles(specs: readonly InputSpec[], inputs: readonly TensorMetadata[], cwd: string): Promise<InferInputTensor[]> {
  const tensors: InferInputTensor[] = [];
  for (const spec of specs) {
    const path = resolve(cwd, spec.path);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw invalidInput('--input', `cannot read ${spec.path}: ${(error as Error).message}`);
    }
    const fail = (message: string): never => {
      throw invalidInput('--input', `${spec.path}: ${message}`);
    };
    if (bytes[0] === 0x93 || extname(path).toLowerCase() === '.npy') {
      let array;
      try {
        array = decodeNpy(bytes);
      } catch (error) {
        throw isOvmsError(error) ? invalidInput('--input', `${spec.path}: ${error.message}`) : error;
      }
      const stem = basename(path, extname(path));
      const name =
        spec.name ?? (inputs.length === 1 ? inputs[0]?.name : inputs.find((i) => i.name === stem)?.name) ??
        fail(`which input is it? The model has ${inputs.map((i) => i.name).join(', ')}: write --input <name>=${spec.path}`);
      tensors.push({ name, shape: array.shape, datatype: array.datatype, data: array.data as TensorInputData });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      return fail(`neither .npy nor JSON (${(error as Error).message})`);
    }
    if (!isRecord(parsed)) return fail('expected a JSON object {"<input name>": [...]}');
    let found: InferInputTensor[];
    if (Array.isArray(parsed.inputs)) {
      found = parsed.inputs.map((t: unknown, k: number) => {
        if (!isRecord(t) || typeof t.name !== 'string' || !Array.isArray(t.data)) return fail(`inputs[${k}] needs "name" and "data"`);
        if (t.datatype !== undefined && !isDatatype(t.datatype)) return fail(`inputs[${k}].datatype ${JSON.stringify(t.datatype)} is not a KServe datatype`);
        const shape = Array.isArray(t.shape) && t.shape.every((d) => Number.isInteger(d)) ? { shape: t.shape as number[] } : {};
        return { name: t.name, data: t.data as TensorInputData, ...shape, ...(t.datatype === undefined ? {} : { datatype: t.datatype }) };
      });
    } else {
      found = Object.entries(parsed).map(([name, data]) => (Array.isArray(data) ? { name, data: data as TensorInputData } : fail(`"${name}" must be a (nested) array`)));
    }
    if (spec.name !== undefined) {
      const one = found.length === 1 ? found[0] : found.find((t) => t.name === spec.name);
      if (one === undefined) return fail(`has no input "${spec.name}"`);
      found = [{ ...one, name: spec.name }];
    }
    tensors.push(...found);
  }
  const known = new Set(inputs.map((i) => i.name));
  const seen = new Set<string>();
  for (const t of tensors) {
    if (!known.has(t.name)) throw invalidInput('--input', `the model has no input "${t.name}" (it has ${[...known].join(', ')})`);
    if (seen.has(t.name)) throw invalidInput('--input', `input "${t.name}" is given twice`);
    seen.add(t.name);
  }
  return tensors;
}
