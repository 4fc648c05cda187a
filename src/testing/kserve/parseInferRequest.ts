/**
 * Parsing of a KServe v2 infer request body, JSON and binary extension, with OVMS's parser rules
 * and texts (rest-api.md §4.3, §4.5; OVMS `src/rest_parser.cpp`).
 */
import { elementSize, isDatatype, type Datatype } from '../../tensors/index.js';
import { httpError, MSG } from '../http/OvmsHttpError.js';
import {
  bigintValue,
  isIntegerToken,
  isJsonNumber,
  isJsonObject,
  jsonDepth,
  numberValue,
  parseRapidJson,
  rapidJsonErrorDetails,
  type JsonObject,
  type JsonValue,
} from '../json/parseRapidJson.js';
import type { ServerTensorData } from '../servables/ServableDefinition.js';
import { allocData } from '../servables/tensorData.js';

/** A request parameter value (string, bool or int32, rest-api.md §4.3). */
export type ParamValue = string | boolean | number;

/** One parsed input; `data` is set for JSON content, `binary` for binary content. */
export interface ParsedInput {
  readonly name: string;
  readonly datatype: string;
  readonly shape: readonly number[];
  readonly data: ServerTensorData | undefined;
  readonly binary: Uint8Array | undefined;
}

/** One entry of the request's `outputs`. */
export interface ParsedOutput {
  readonly name: string;
  readonly parameters: ReadonlyMap<string, ParamValue>;
}

/** A parsed infer request. */
export interface ParsedInferRequest {
  readonly id: string | undefined;
  readonly parameters: ReadonlyMap<string, ParamValue>;
  readonly inputs: readonly ParsedInput[];
  /** The request's `outputs` after OVMS's overwrite quirk: at most the last element (rest-api.md §4.3). */
  readonly outputs: readonly ParsedOutput[];
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const MAX_DEPTH = 100;

const parseError = (): Error => httpError(400, MSG.couldNotParseInput);

function parseParameters(v: JsonValue | undefined, message: string, skip?: string): Map<string, ParamValue> {
  const out = new Map<string, ParamValue>();
  if (v === undefined) return out;
  if (!isJsonObject(v)) throw httpError(400, message);
  for (const [k, x] of v) {
    if (k === skip) continue;
    if (typeof x === 'string' || typeof x === 'boolean') out.set(k, x);
    else if (isJsonNumber(x) && isIntegerToken(x) && numberValue(x) >= INT32_MIN && numberValue(x) <= INT32_MAX) out.set(k, numberValue(x));
    else throw httpError(400, message);
  }
  return out;
}

// Flattens nested `data` arrays; only the element count is validated later (rest-api.md §4.3).
function flattenData(v: JsonValue, out: JsonValue[]): void {
  if (Array.isArray(v)) for (const x of v) flattenData(x, out);
  else out.push(v);
}

function intToken(x: JsonValue, min: bigint, max: bigint): bigint {
  if (!isJsonNumber(x) || !isIntegerToken(x)) throw parseError();
  const b = bigintValue(x);
  if (b < min || b > max) throw parseError();
  return b;
}

/** Converts JSON `data` elements to the server representation, with OVMS's per-datatype rules. */
function jsonData(datatype: Datatype, elements: readonly JsonValue[]): ServerTensorData {
  const n = elements.length;
  const out = allocData(datatype, n);
  for (let i = 0; i < n; i += 1) {
    const x = elements[i] ?? null;
    switch (datatype) {
      case 'FP32':
      case 'FP64':
        if (!isJsonNumber(x)) throw parseError();
        // FP64 is read through float in OVMS, losing precision (rest-api.md §4.3).
        (out as Float32Array | Float64Array)[i] = Math.fround(numberValue(x));
        break;
      case 'BOOL':
        if (typeof x !== 'boolean') throw parseError();
        (out as boolean[])[i] = x;
        break;
      case 'BYTES':
        if (typeof x !== 'string') throw parseError();
        (out as Uint8Array[])[i] = new TextEncoder().encode(x);
        break;
      case 'INT64':
        (out as BigInt64Array)[i] = intToken(x, -(2n ** 63n), 2n ** 63n - 1n);
        break;
      case 'UINT64':
        (out as BigUint64Array)[i] = intToken(x, 0n, 2n ** 64n - 1n);
        break;
      case 'UINT8':
      case 'UINT16':
      case 'UINT32':
        (out as Uint32Array)[i] = Number(intToken(x, 0n, 4294967295n));
        break;
      default:
        // INT8/INT16/INT32: any int32 JSON integer (rapidjson IsInt), stored like a C cast.
        (out as Int32Array)[i] = Number(intToken(x, BigInt(INT32_MIN), BigInt(INT32_MAX)));
    }
  }
  return out;
}

function parseShape(v: JsonValue | undefined): number[] {
  if (!Array.isArray(v)) throw parseError();
  return v.map((d) => {
    if (!isJsonNumber(d) || !isIntegerToken(d)) throw parseError();
    const n = numberValue(d);
    if (n < 0) throw parseError();
    return n;
  });
}

/**
 * Parses an infer request. `headerLength` is the `Inference-Header-Content-Length` value, already
 * checked against the body (rest-api.md §4.5); the bytes after it are the binary tensor buffers.
 *
 * @throws {OvmsHttpError} with OVMS's status and text
 */
export function parseInferRequest(body: Uint8Array, headerLength: number | undefined): ParsedInferRequest {
  const jsonPart = headerLength === undefined ? body : body.subarray(0, headerLength);
  let rest = headerLength === undefined ? new Uint8Array(0) : body.subarray(headerLength);
  const parsed = parseRapidJson(jsonPart);
  if (!parsed.ok) throw httpError(412, MSG.jsonInvalid, rapidJsonErrorDetails(parsed));
  if (jsonDepth(parsed.value) > MAX_DEPTH) throw httpError(500, MSG.nestingTooDeep);
  const doc = parsed.value;
  if (!isJsonObject(doc)) throw httpError(400, MSG.bodyNotObject);
  const idValue = doc.get('id');
  if (idValue !== undefined && typeof idValue !== 'string') throw parseError();
  const parameters = parseParameters(doc.get('parameters'), MSG.couldNotParseParameters);
  const rawInputs = doc.get('inputs');
  if (rawInputs === undefined || (Array.isArray(rawInputs) && rawInputs.length === 0)) throw httpError(400, MSG.kfsNoInputs);
  if (!Array.isArray(rawInputs)) throw parseError();

  interface Draft {
    readonly name: string;
    readonly datatype: string;
    readonly shape: number[];
    readonly data: ServerTensorData | undefined;
    readonly binarySize: bigint | undefined;
  }
  const drafts: Draft[] = rawInputs.map((raw) => {
    if (!isJsonObject(raw)) throw parseError();
    const name = raw.get('name');
    const datatype = raw.get('datatype');
    if (typeof name !== 'string' || typeof datatype !== 'string') throw parseError();
    const shape = parseShape(raw.get('shape'));
    const params = raw.get('parameters');
    let binarySize: bigint | undefined;
    if (params !== undefined) {
      parseParameters(params, MSG.couldNotParseParameters, 'binary_data_size');
      const bds = (params as JsonObject).get('binary_data_size');
      if (bds !== undefined) {
        // The old string form "4, 4" and non-integers are rejected (rest-api.md §4.5, fixture F56).
        if (!isJsonNumber(bds) || !isIntegerToken(bds) || bigintValue(bds) < 0n) throw httpError(400, MSG.binaryDataSizeInvalid);
        binarySize = bigintValue(bds);
      }
    }
    const rawData = raw.get('data');
    let data: ServerTensorData | undefined;
    if (rawData !== undefined) {
      // Both content and binary_data_size: 500, the code is missing from the HTTP map (fixture F58).
      if (binarySize !== undefined) throw httpError(500, MSG.contentsNotEmpty);
      if (!isDatatype(datatype) || datatype === 'FP16' || datatype === 'BF16') throw httpError(400, MSG.unsupportedPrecision);
      if (!Array.isArray(rawData)) throw parseError();
      const flat: JsonValue[] = [];
      flattenData(rawData, flat);
      data = jsonData(datatype, flat);
    }
    return { name, datatype, shape, data, binarySize };
  });

  const rawOutputs = doc.get('outputs');
  let outputs: ParsedOutput[] = [];
  if (rawOutputs !== undefined) {
    if (!Array.isArray(rawOutputs)) throw httpError(400, MSG.couldNotParseOutput);
    for (const o of rawOutputs) {
      if (!isJsonObject(o) || typeof o.get('name') !== 'string') throw httpError(400, MSG.couldNotParseOutput);
      // Each element clears the previous ones (mutable_outputs()->Clear(), rest-api.md §4.3).
      outputs = [{ name: o.get('name') as string, parameters: parseParameters(o.get('parameters'), MSG.couldNotParseOutput) }];
    }
  }

  const inputs: ParsedInput[] = drafts.map((d) => {
    if (d.data !== undefined) return { name: d.name, datatype: d.datatype, shape: d.shape, data: d.data, binary: undefined };
    let size: number | undefined;
    if (d.binarySize !== undefined) size = Number(d.binarySize);
    else if (headerLength !== undefined) {
      if (d.datatype === 'BYTES') {
        // Without binary_data_size a BYTES input takes the whole buffer, only when it is the only input.
        if (drafts.length !== 1) throw httpError(400, MSG.binaryDataSizeInvalid);
        size = rest.length;
      } else if (isDatatype(d.datatype)) {
        size = d.shape.reduce((a, b) => a * b, 1) * (elementSize(d.datatype) ?? 1);
      }
    }
    if (size === undefined) return { name: d.name, datatype: d.datatype, shape: d.shape, data: undefined, binary: undefined };
    if (size > rest.length) throw httpError(400, MSG.binaryBufferExceeded);
    const binary = rest.subarray(0, size);
    rest = rest.subarray(size);
    return { name: d.name, datatype: d.datatype, shape: d.shape, data: undefined, binary };
  });

  return { id: idValue, parameters, inputs, outputs };
}
