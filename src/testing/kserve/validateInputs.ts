/**
 * Request validation against a model's inputs, in OVMS's order and with its texts (rest-api.md
 * §4.6): number of inputs → each expected input present → precision → rank → batch → shape →
 * value count / content size.
 */
import { decodeBinary, decodeBytesElements, elementSize, type Datatype } from '../../tensors/index.js';
import { httpError, MSG } from '../http/OvmsHttpError.js';
import type { Dim, ServerTensor, ServerTensorData, TensorSpec } from '../servables/ServableDefinition.js';
import { formatDim, formatShape } from './formatShape.js';
import type { ParsedInput } from './parseInferRequest.js';

/** OVMS precision names used as "Expected" in precision errors (rest-api.md §4.6). */
const OVMS_PRECISION: Readonly<Record<Datatype, string>> = {
  BOOL: 'BOOL',
  UINT8: 'U8',
  UINT16: 'U16',
  UINT32: 'U32',
  UINT64: 'U64',
  INT8: 'I8',
  INT16: 'I16',
  INT32: 'I32',
  INT64: 'I64',
  FP16: 'FP16',
  BF16: 'BF16',
  FP32: 'FP32',
  FP64: 'FP64',
  BYTES: 'STRING',
};

/** The OVMS precision name of a datatype. */
export function ovmsPrecision(dt: Datatype): string {
  return OVMS_PRECISION[dt];
}

const dimMatches = (want: Dim, got: number): boolean =>
  typeof want === 'number' ? want === -1 || want === got : got >= want[0] && got <= want[1];

/** How the model treats an input (from the registry). */
export interface InputRules {
  /** Whether dimension 0 is the batch dimension. */
  readonly batched: boolean;
  /** Config `auto` for the batch dimension / the whole shape of an input. */
  readonly auto: (input: string) => { readonly batch: boolean; readonly shape: boolean };
}

/** Decodes one validated input into a server tensor. */
function toTensor(input: ParsedInput, datatype: Datatype): ServerTensor {
  const count = input.shape.reduce((a, b) => a * b, 1);
  let data: ServerTensorData;
  if (input.data !== undefined) data = input.data;
  else if (datatype === 'BYTES') data = decodeBytesElements(input.binary ?? new Uint8Array(0), count);
  else {
    // Copy first: typed-array views need aligned offsets and the request buffer outlives nothing.
    const bytes = new Uint8Array(input.binary ?? new Uint8Array(0));
    data = decodeBinary(datatype, bytes, input.shape, { bytes: 'binary' }) as ServerTensorData;
  }
  return { name: input.name, datatype, shape: input.shape, data };
}

/**
 * Validates the request inputs against `specs` and returns them as tensors by name.
 *
 * @throws {OvmsHttpError} 400 with the OVMS validation message
 */
export function validateInputs(inputs: readonly ParsedInput[], specs: readonly TensorSpec[], rules: InputRules): Map<string, ServerTensor> {
  if (inputs.length !== specs.length) throw httpError(400, MSG.noOfInputs, `Expected: ${specs.length}; Actual: ${inputs.length}`);
  const byName = new Map(inputs.map((i) => [i.name, i]));
  for (const spec of specs) if (!byName.has(spec.name)) throw httpError(400, MSG.missingInput, `Required input: ${spec.name}`);
  const out = new Map<string, ServerTensor>();
  for (const input of inputs) {
    const spec = specs.find((s) => s.name === input.name);
    if (spec === undefined) throw httpError(400, MSG.missingInput, `Required input: ${input.name}`);
    const tail = `input name: ${input.name}`;
    if (input.datatype !== spec.datatype) {
      throw httpError(400, MSG.precision, `Expected: ${ovmsPrecision(spec.datatype)}; Actual: ${input.datatype}; ${tail}`);
    }
    const auto = rules.auto(input.name);
    if (!auto.shape) {
      if (input.shape.length !== spec.shape.length) {
        throw httpError(400, MSG.noOfShapeDims, `Expected: ${formatShape(spec.shape)}; Actual: ${formatShape(input.shape)}; ${tail}`);
      }
      const first = spec.shape[0];
      const got = input.shape[0];
      if (rules.batched && !auto.batch && first !== undefined && got !== undefined && !dimMatches(first, got)) {
        throw httpError(400, MSG.batchSize, `Expected: ${formatDim(first)}; Actual: ${got}; ${tail}`);
      }
      const from = rules.batched ? 1 : 0;
      for (let i = from; i < spec.shape.length; i += 1) {
        if (!dimMatches(spec.shape[i] as Dim, input.shape[i] as number)) {
          throw httpError(400, MSG.shape, `Expected: ${formatShape(spec.shape)}; Actual: ${formatShape(input.shape)}; ${tail}`);
        }
      }
    }
    const count = input.shape.reduce((a, b) => a * b, 1);
    if (input.binary !== undefined && spec.datatype !== 'BYTES') {
      const expected = count * (elementSize(spec.datatype) ?? 1);
      if (input.binary.length !== expected) {
        throw httpError(400, MSG.contentSize, `Expected: ${expected} bytes; Actual: ${input.binary.length} bytes; ${tail}`);
      }
    } else if (input.binary !== undefined) {
      let actual: number;
      try {
        actual = decodeBytesElements(input.binary).length;
      } catch {
        actual = -1;
      }
      if (actual !== count) {
        if (actual < 0) throw httpError(400, MSG.contentSize, `Expected: ${count} values; Actual: malformed length prefixes; ${tail}`);
        throw httpError(400, MSG.valueCount, `Expected: ${count} values; Actual: ${actual} values; ${tail}`);
      }
    } else {
      const actual = input.data?.length ?? 0;
      if (actual !== count) throw httpError(400, MSG.valueCount, `Expected: ${count} values; Actual: ${actual} values; ${tail}`);
    }
    out.set(input.name, toTensor(input, spec.datatype));
  }
  return out;
}
