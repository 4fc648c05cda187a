import { invalidInput } from '../../errors/OvmsError.js';
import { describeValue } from '../../tensors/describeValue.js';
import { isTypedArray } from '../../tensors/isTypedArray.js';
import type { TensorInputData } from '../../tensors/types.js';
import { formatShape } from './formatShape.js';
import type { InferInputs } from './InferRequest.js';
import { isMaskInput } from './isMaskInput.js';
import { isPlainObject } from './isPlainObject.js';
import { isTensorList } from './isTensorList.js';
import type { ModelMetadata, TensorMetadata } from './kserveSchemas.js';
import { onesLike } from './onesLike.js';

/**
 * Maps the seed document's four input formats (`ovms.infer(model, data)`) onto a model's inputs,
 * using the model's metadata. Pure: no request is made, nothing is mutated. Shapes and datatypes
 * are resolved later by `infer` (see its shape rule), so each value keeps the form the caller gave.
 *
 * Formats, tried in this order:
 *
 * 1. **Inputs by name**: an object whose keys are all input names of the model
 *    (`{ data: [0, 1, 2, 3], mask: [1, 1, 1, 1] }`) is sent as it is. A missing attention mask is
 *    filled (rule M below); any other missing input is an error. An object key that is not an
 *    input name is an error naming it and the model's inputs, also for a single-input model: a
 *    name is never silently redirected to another input (`{ data: [...] }` for a model whose input
 *    is `input` fails; pass the array itself to mean "the model's input").
 * 2. **KServe form**: `{ inputs: [{ name, data, shape?, datatype? }, …] }` (or that array alone) is
 *    passed through untouched: no mask filling, the caller said exactly what to send.
 * 3. **TensorFlow-Serving forms** (rest-api.md §2), with an optional `signature_name`, accepted and
 *    ignored as OVMS's REST parser does:
 *    - row: `{ instances: [row, …] }`, each instance one batch row. Named instances
 *      (`{ instances: [{ data: [0, 1, 2, 3], mask: [1, 1, 1, 1] }] }`) are stacked per input, so
 *      `data` becomes `[[0, 1, 2, 3]]` (shape [1, 4]); every instance must name the same inputs.
 *      Raw instances (`{ instances: [[0, 1], [2, 3]] }`) are the batch of the first input (format 4).
 *    - column: `{ inputs: { name: value, … } }` as format 1, `{ inputs: value }` as format 4.
 *    `instances` and `inputs` together are an error (OVMS: "Could not detect row or column format").
 * 4. **A value**: an array, nested array or typed array (`[0, 1, 2, 3, 4]`, an image
 *    `[[[0.1, 0.2, 0.3], …]]`) goes to the model's FIRST input. A single number, bigint, boolean or
 *    string is a one-element array. Every other input must be fillable by rule M, otherwise the
 *    error lists the inputs the model needs and says to pass an object `{ name: data }`.
 *
 * Rule M (attention masks): an input whose datatype is an integer type and whose name contains
 * `mask` (any case), of the same rank as the model's first input, is filled with ones of the same
 * nesting as the first input's data (every token attended), when the caller does not give it.
 *
 * The same key precedence applies everywhere: when every key of an object is an input name, it is
 * format 1 even if a key is `inputs` or `instances`.
 *
 * @param metadata - The model's metadata (`getModelMetadataWithShapes`).
 * @param data - The caller's data in one of the formats above.
 * @returns Inputs for `infer` / `batchInfer`, in the model's input order (format 2: as given).
 * @throws {OvmsError} `InvalidInput` for data of no known format, unknown or missing inputs, an
 *   empty `instances`, instances naming different inputs, unexpected keys next to
 *   `instances` / `inputs`, or a model with no inputs.
 * @example
 * ```ts
 * const metadata = await getModelMetadataWithShapes(config, { model: 'bert' });
 * seedInputs(metadata, [0, 1, 2, 3, 4]); // { data: [0, 1, 2, 3, 4], mask: [1, 1, 1, 1, 1] }
 * seedInputs(metadata, { instances: [{ data: [0, 1], mask: [1, 1] }] }); // { data: [[0, 1]], mask: [[1, 1]] }
 * ```
 */
export function seedInputs(metadata: ModelMetadata, data: unknown): InferInputs {
  if (isTensorList(data)) return data;
  if (Array.isArray(data) || isTypedArray(data)) return fromValue(metadata, data, 'data');
  if (isScalar(data)) return fromValue(metadata, [data], 'data');
  if (!isPlainObject(data)) {
    throw invalidInput(
      'data',
      `expected an array, a typed array, an object of input name → data, { instances: [...] } or { inputs: ... }; got ${describeValue(data)}`,
    );
  }
  const keys = Object.keys(data);
  const names = new Set(metadata.inputs.map((i) => i.name));
  if (keys.length > 0 && keys.every((k) => names.has(k))) return fromNamed(metadata, data, 'data');
  const hasInstances = 'instances' in data;
  const hasInputs = 'inputs' in data;
  if (hasInputs && isTensorList(data['inputs'])) {
    onlyKeys(data, ['inputs'], 'the KServe form { inputs: [{ name, data, shape?, datatype? }] }');
    return data['inputs'];
  }
  if (hasInstances && hasInputs) {
    throw invalidInput('data', 'Invalid JSON structure. Could not detect row or column format: give either `instances` (row format) or `inputs` (column format), not both');
  }
  if (hasInstances) {
    onlyKeys(data, ['instances', 'signature_name'], 'the row format { instances: [...] }');
    return fromRows(metadata, data['instances']);
  }
  if (hasInputs) {
    onlyKeys(data, ['inputs', 'signature_name'], 'the column format { inputs: ... }');
    return fromColumns(metadata, data['inputs']);
  }
  return fromNamed(metadata, data, 'data');
}

function isScalar(x: unknown): x is number | bigint | boolean | string {
  return typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean' || typeof x === 'string';
}

function describeInputs(metadata: ModelMetadata): string {
  return metadata.inputs.map((i) => `${i.name} ${i.datatype} ${formatShape(i.shape)}`).join(', ');
}

function takes(metadata: ModelMetadata): string {
  const n = metadata.inputs.length;
  return `model "${metadata.name}" takes ${n} input${n === 1 ? '' : 's'} (${describeInputs(metadata)})`;
}

function fillable(first: TensorMetadata, input: TensorMetadata): boolean {
  return isMaskInput(input) && input.shape.length === first.shape.length;
}

function onlyKeys(data: Readonly<Record<string, unknown>>, allowed: readonly string[], form: string): void {
  const extra = Object.keys(data).filter((k) => !allowed.includes(k));
  if (extra.length > 0) {
    throw invalidInput('data', `unexpected key${extra.length === 1 ? '' : 's'} ${extra.map((k) => `"${k}"`).join(', ')} in ${form}; allowed: ${allowed.join(', ')}`);
  }
}

function fromValue(metadata: ModelMetadata, value: unknown, field: string): InferInputs {
  const [first, ...rest] = metadata.inputs;
  if (first === undefined) throw invalidInput(field, `model "${metadata.name}" declares no inputs`);
  const unfillable = rest.filter((i) => !fillable(first, i));
  if (unfillable.length > 0) {
    throw invalidInput(
      field,
      `${takes(metadata)}; an array goes to the first input (${first.name}) and ${unfillable.map((i) => i.name).join(', ')} cannot be filled: pass an object { name: data } with ${metadata.inputs.map((i) => i.name).join(', ')}`,
    );
  }
  const out: Record<string, TensorInputData> = { [first.name]: value as TensorInputData };
  for (const input of rest) out[input.name] = onesLike(value) as TensorInputData;
  return out;
}

function fromNamed(metadata: ModelMetadata, record: Readonly<Record<string, unknown>>, field: string): InferInputs {
  const names = metadata.inputs.map((i) => i.name);
  const unknown = Object.keys(record).filter((k) => !names.includes(k));
  if (unknown.length > 0) {
    const hint = metadata.inputs.length === 1 ? `; pass the data itself (not an object) to send it to "${names[0] ?? ''}"` : '';
    throw invalidInput(field, `unknown input${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => `"${k}"`).join(', ')}: ${takes(metadata)}${hint}`);
  }
  const [first] = metadata.inputs;
  const firstValue = first === undefined ? undefined : record[first.name];
  const missing = metadata.inputs.filter((i) => !(i.name in record) && !(first !== undefined && firstValue !== undefined && i !== first && fillable(first, i)));
  if (missing.length > 0) {
    throw invalidInput(
      field,
      `missing input${missing.length === 1 ? '' : 's'} ${missing.map((i) => i.name).join(', ')}: ${takes(metadata)}; pass an object { name: data } with every input (an integer input named like "mask" is filled with ones when omitted)`,
    );
  }
  const out: Record<string, TensorInputData> = {};
  for (const input of metadata.inputs) {
    out[input.name] = (input.name in record ? record[input.name] : onesLike(firstValue)) as TensorInputData;
  }
  return out;
}

function fromRows(metadata: ModelMetadata, instances: unknown): InferInputs {
  const field = 'data.instances';
  if (!Array.isArray(instances) || instances.length === 0) {
    throw invalidInput(field, `Missing instances in row format: expected a non-empty array with one element per batch row, got ${describeValue(instances)}`);
  }
  const rows: readonly unknown[] = instances;
  const named = rows.filter(isPlainObject);
  if (named.length === 0) return fromValue(metadata, rows, field);
  if (named.length !== rows.length) {
    throw invalidInput(field, 'every instance must be of the same kind: all objects of input name → value, or all raw values of the first input');
  }
  const keys = Object.keys(named[0] ?? {});
  named.forEach((row, i) => {
    const own = Object.keys(row);
    if (own.length !== keys.length || own.some((k) => !keys.includes(k))) {
      throw invalidInput(field, `every instance must name the same inputs: instance 0 has ${keys.join(', ') || 'none'}, instance ${i} has ${own.join(', ') || 'none'}`);
    }
  });
  const stacked: Record<string, unknown> = {};
  for (const key of keys) stacked[key] = named.map((row) => row[key]);
  return fromNamed(metadata, stacked, field);
}

function fromColumns(metadata: ModelMetadata, inputs: unknown): InferInputs {
  const field = 'data.inputs';
  if (isPlainObject(inputs)) return fromNamed(metadata, inputs, field);
  if (Array.isArray(inputs) || isTypedArray(inputs)) {
    if (inputs.length === 0) throw invalidInput(field, 'expected a non-empty value or an object of input name → value, got an empty array');
    return fromValue(metadata, inputs, field);
  }
  if (isScalar(inputs)) return fromValue(metadata, [inputs], field);
  throw invalidInput(field, `expected an object of input name → value, or a value of the first input, got ${describeValue(inputs)}`);
}
