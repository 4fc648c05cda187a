import { invalidInput } from '../../errors/OvmsError.js';
import { describeValue } from '../../tensors/describeValue.js';
import { isTypedArray } from '../../tensors/isTypedArray.js';
import { isUint8Array } from '../../tensors/isUint8Array.js';
import { bytesToBase64 } from './bytesToBase64.js';
import type { TfsPredictPayload, TfsPredictRequest } from './TfsPredictRequest.js';

/**
 * Builds the body of a TFS predict in row or column format exactly as rest-api.md §2 describes,
 * and checks its structure first, so a request OVMS would answer with 400 fails before it is sent:
 * exactly one of `instances` / `inputs`; a non-empty `instances` list whose elements are all named
 * (objects by input name, with the same names) or all nonamed (bare values); a named `inputs`
 * object with at least one input. Element types are not sent: OVMS converts values to the model's
 * input precision. `Uint8Array`s become `{ "b64": … }`, bigints exact JSON integers. Pure.
 *
 * @param request - The caller's request (model and version are not part of the body).
 * @returns The payload, its body serialised once.
 * @throws {OvmsError} `InvalidInput` naming the field that breaks the format.
 * @example
 * ```ts
 * tfsPredictPayload({ instances: [{ a: [1, 2] }] }).body; // '{"instances":[{"a":[1,2]}]}'
 * ```
 */
export function tfsPredictPayload(request: TfsPredictRequest): TfsPredictPayload {
  if (typeof request !== 'object' || request === null) throw invalidInput('request', 'expected { instances } (row format) or { inputs } (column format)');
  const instances = (request as { instances?: unknown }).instances;
  const inputs = (request as { inputs?: unknown }).inputs;
  if ((instances === undefined) === (inputs === undefined)) {
    // OVMS: 400 "Invalid JSON structure. Could not detect row or column format" (fixture F17).
    throw invalidInput('request', 'give exactly one of `instances` (row format) or `inputs` (column format) (rest-api.md §2)');
  }
  const signatureName = request.signatureName;
  if (signatureName !== undefined && typeof signatureName !== 'string') throw invalidInput('signatureName', `expected a string, got ${describeValue(signatureName)}`);
  const head = signatureName === undefined ? '{' : `{"signature_name":${JSON.stringify(signatureName)},`;
  if (instances !== undefined) return { kind: 'tfs.predict', format: 'row', body: `${head}"instances":${rowJson(instances)}}` };
  return { kind: 'tfs.predict', format: 'column', body: `${head}"inputs":${columnJson(inputs)}}` };
}

function rowJson(instances: unknown): string {
  if (!Array.isArray(instances)) throw invalidInput('instances', `expected an array with one element per batch row, got ${describeValue(instances)}`);
  // OVMS: 400 "Invalid JSON structure. Missing instances in row format".
  if (instances.length === 0) throw invalidInput('instances', 'expected at least one instance');
  const named = isNamed(instances[0]);
  if (!named) {
    return `[${instances
      .map((x, i) => {
        if (isNamed(x)) throw invalidInput(`instances[${i}]`, 'mixes named instances (objects by input name) with nonamed ones (bare values); use one form');
        return valueJson(x, `instances[${i}]`);
      })
      .join(',')}]`;
  }
  const names = Object.keys(instances[0] as object);
  if (names.length === 0) throw invalidInput('instances[0]', 'a named instance needs at least one input');
  return `[${instances
    .map((x, i) => {
      const field = `instances[${i}]`;
      if (!isNamed(x)) throw invalidInput(field, 'mixes nonamed instances (bare values) with named ones (objects by input name); use one form');
      const keys = Object.keys(x);
      // OVMS: 400 "Invalid JSON structure. Request inputs have different batch sizes".
      if (keys.length !== names.length || !names.every((n) => Object.prototype.hasOwnProperty.call(x, n))) {
        throw invalidInput(field, `every named instance must have the same inputs (${names.join(', ')}), got ${keys.join(', ') || 'none'}`);
      }
      return namedJson(x as Readonly<Record<string, unknown>>, names, field);
    })
    .join(',')}]`;
}

function columnJson(inputs: unknown): string {
  if (!isNamed(inputs)) return valueJson(inputs, 'inputs');
  const names = Object.keys(inputs);
  // OVMS: 400 "Invalid JSON structure. Missing inputs in column format".
  if (names.length === 0) throw invalidInput('inputs', 'expected at least one input');
  return namedJson(inputs as Readonly<Record<string, unknown>>, names, 'inputs');
}

function namedJson(values: Readonly<Record<string, unknown>>, names: readonly string[], field: string): string {
  return `{${names.map((n) => `${JSON.stringify(n)}:${valueJson(values[n], `${field}.${n}`)}`).join(',')}}`;
}

/** `{ b64: string }` and nothing else: a binary value, not a named object (rest-api.md §2). */
function isBinary(x: unknown): x is { readonly b64: string } {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  return keys.length === 1 && keys[0] === 'b64' && typeof (x as { b64: unknown }).b64 === 'string';
}

/** A plain object by input name (not an array, typed array or binary value). */
function isNamed(x: unknown): x is object {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && !isBinary(x);
}

function numberJson(x: number, field: string): string {
  if (!Number.isFinite(x)) throw invalidInput(field, `${describeValue(x)} cannot travel in JSON`);
  return JSON.stringify(x);
}

function valueJson(x: unknown, field: string): string {
  switch (typeof x) {
    case 'number':
      return numberJson(x, field);
    case 'bigint':
      return x.toString();
    case 'boolean':
      return x ? 'true' : 'false';
    case 'string':
      return JSON.stringify(x);
    default:
      break;
  }
  if (isUint8Array(x)) return `{"b64":"${bytesToBase64(x)}"}`;
  if (isTypedArray(x)) {
    const parts: string[] = [];
    for (let i = 0; i < x.length; i++) {
      const e = x[i] as number | bigint;
      parts.push(typeof e === 'bigint' ? e.toString() : numberJson(e, `${field}[${i}]`));
    }
    return `[${parts.join(',')}]`;
  }
  if (Array.isArray(x)) return `[${x.map((e, i) => valueJson(e, `${field}[${i}]`)).join(',')}]`;
  if (isBinary(x)) return `{"b64":${JSON.stringify(x.b64)}}`;
  throw invalidInput(field, `expected a number, bigint, boolean, string, Uint8Array, { b64 } or a (nested) array of them, got ${describeValue(x)}`);
}
