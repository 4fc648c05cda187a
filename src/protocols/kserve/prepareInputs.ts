import { invalidInput } from '../../errors/OvmsError.js';
import { isDatatype, type Datatype } from '../../tensors/datatypes.js';
import { flatten } from '../../tensors/flatten.js';
import { inferDatatype } from '../../tensors/inferDatatype.js';
import { isTypedArray } from '../../tensors/isTypedArray.js';
import { shapeSize } from '../../tensors/shapeSize.js';
import type { TensorInputData } from '../../tensors/types.js';
import { formatShape } from './formatShape.js';
import { ovmsPrecisionName } from './ovmsPrecisionName.js';
import type { InferInputs, InferInputTensor } from './InferRequest.js';
import type { PreparedInput } from './KserveInferPayload.js';
import type { ModelMetadata, TensorMetadata } from './kserveSchemas.js';

/**
 * Resolves each input's values, datatype and shape, and (with metadata) checks it the way OVMS
 * would, in OVMS's order and words (rest-api.md §4.6), so a bad request fails before it is sent:
 * number of inputs → names → precision → rank → batch → shape → value count.
 *
 * Shape rule without an explicit `shape`: a nested array gives its own shape; when the model's
 * rank is one more and its first dimension is `-1` or `1`, a batch dimension of 1 is prepended;
 * a flat array or typed array takes the model's shape with its one unknown dimension solved
 * (a dynamic batch dimension counts as 1 when there are several unknowns).
 *
 * @throws {OvmsError} `InvalidInput` naming the input and what was expected.
 */
export function prepareInputs(inputs: InferInputs, metadata: ModelMetadata | undefined): PreparedInput[] {
  const list = toList(inputs);
  if (list.length === 0) throw invalidInput('inputs', 'expected at least one input tensor');
  const seen = new Set<string>();
  for (const t of list) {
    if (typeof t.name !== 'string' || t.name === '') throw invalidInput('inputs', 'every input needs a non-empty name');
    if (seen.has(t.name)) throw invalidInput('inputs', `input "${t.name}" is given twice`);
    seen.add(t.name);
  }
  if (metadata !== undefined && !isGraph(metadata)) {
    const expected = metadata.inputs.map((i) => i.name);
    if (list.length !== expected.length) {
      throw invalidInput('inputs', `Invalid number of inputs - Expected: ${expected.length}; Actual: ${list.length} (model "${metadata.name}" takes ${expected.join(', ')})`);
    }
    for (const name of expected) if (!seen.has(name)) throw invalidInput('inputs', `Missing input with specific name - Required input: ${name}`);
  }
  const byName = new Map((metadata?.inputs ?? []).map((m) => [m.name, m]));
  return list.map((t) => prepareOne(t, metadata !== undefined && !isGraph(metadata) ? byName.get(t.name) : undefined));
}

/** MediaPipe graphs report every tensor as datatype `INVALID`, shape `[]` (rest-api.md §4.2): nothing to check. */
function isGraph(metadata: ModelMetadata): boolean {
  return [...metadata.inputs, ...metadata.outputs].some((t) => t.datatype === 'INVALID');
}

function toList(inputs: InferInputs): readonly InferInputTensor[] {
  if (Array.isArray(inputs)) return inputs as readonly InferInputTensor[];
  if (typeof inputs !== 'object' || inputs === null) throw invalidInput('inputs', 'expected an object of name → data, or an array of { name, data, shape?, datatype? }');
  return Object.entries(inputs as Record<string, TensorInputData>).map(([name, data]) => ({ name, data }));
}

function prepareOne(t: InferInputTensor, meta: TensorMetadata | undefined): PreparedInput {
  const field = `inputs.${t.name}`;
  if (t.datatype !== undefined && !isDatatype(t.datatype)) throw invalidInput(field, `unknown datatype ${JSON.stringify(t.datatype)}`);
  const metaType = meta !== undefined && isDatatype(meta.datatype) ? meta.datatype : undefined;
  if (t.datatype !== undefined && metaType !== undefined && t.datatype !== metaType) {
    throw invalidInput(field, `Invalid input precision - Expected: ${ovmsPrecisionName(metaType)}; Actual: ${t.datatype}; input name: ${t.name}`);
  }
  const hinted: Datatype | undefined = t.datatype ?? metaType;
  if (t.data === undefined || t.data === null) throw invalidInput(field, 'expected data: a typed array or a (nested) array');

  let values: PreparedInput['values'];
  let natural: number[];
  if (isTypedArray(t.data)) {
    values = t.data;
    natural = [t.data.length];
  } else if (Array.isArray(t.data)) {
    const bytesElements = hinted === 'BYTES' || (t.data.length > 0 && t.data.every((x) => x instanceof Uint8Array));
    const flat = flatten(t.data, { uint8ArrayAsElement: bytesElements, field });
    values = flat.values;
    natural = flat.shape;
  } else {
    throw invalidInput(field, `expected a typed array or a (nested) array, got ${typeof t.data}`);
  }

  const datatype = hinted ?? inferDatatype(t.data);
  if (datatype === undefined) throw invalidInput(field, 'cannot infer the datatype of an empty input; pass `datatype`');

  const shape = t.shape !== undefined ? checkedShape(t.shape, field) : deriveShape(natural, meta?.shape, values.length, t.name);
  if (meta !== undefined && metaType !== undefined) checkAgainstModel(shape, meta.shape, t.name);
  const size = shapeSize(shape);
  if (size !== values.length) {
    throw invalidInput(field, `Invalid number of values in tensor proto container - Expected: ${size} values; Actual: ${values.length} values; input name: ${t.name}`);
  }
  return { name: t.name, datatype, datatypeFixed: hinted !== undefined, shape, values };
}

function checkedShape(shape: readonly number[], field: string): number[] {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw invalidInput(field, `shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return [...shape];
}

function deriveShape(natural: number[], model: readonly number[] | undefined, count: number, name: string): number[] {
  if (model === undefined || natural.length === model.length) return natural;
  if (model.length === 0 && count === 1) return [];
  if (natural.length + 1 === model.length && (model[0] === -1 || model[0] === 1)) return [1, ...natural];
  if (natural.length === 1 && model.length > 1) {
    const dims = [...model];
    let unknown = dims.flatMap((d, i) => (d === -1 ? [i] : []));
    if (unknown.length > 1 && dims[0] === -1) {
      dims[0] = 1;
      unknown = unknown.slice(1);
    }
    const known = dims.reduce((p, d) => (d === -1 ? p : p * d), 1);
    if (unknown.length === 0) return dims;
    if (unknown.length === 1 && known > 0 && count % known === 0) {
      dims[unknown[0] as number] = count / known;
      return dims;
    }
    throw invalidInput(`inputs.${name}`, `cannot infer a shape for ${count} values from the model's shape ${formatShape(model)}; pass \`shape\``);
  }
  return natural;
}

function checkAgainstModel(shape: readonly number[], model: readonly number[], name: string): void {
  const field = `inputs.${name}`;
  if (shape.length !== model.length) {
    throw invalidInput(field, `Invalid number of shape dimensions - Expected: ${formatShape(model)}; Actual: ${formatShape(shape)}; input name: ${name}`);
  }
  if (model.length > 0 && model[0] !== -1 && shape[0] !== model[0]) {
    throw invalidInput(field, `Invalid input batch size - Expected: ${model[0]}; Actual: ${shape[0]}; input name: ${name}`);
  }
  for (let i = 1; i < model.length; i++) {
    if (model[i] !== -1 && shape[i] !== model[i]) {
      throw invalidInput(field, `Invalid input shape - Expected: ${formatShape(model)}; Actual: ${formatShape(shape)}; input name: ${name}`);
    }
  }
}
