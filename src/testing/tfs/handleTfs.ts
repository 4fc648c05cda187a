/**
 * The TensorFlow-Serving REST API of OVMS <= 2026.2 (rest-api.md §2): model status, model
 * metadata and `:predict` in row and column formats. Only routed in legacy mode.
 */
import type { Datatype } from '../../tensors/index.js';
import { jsonAnswer, type HttpAnswer } from '../http/HttpAnswer.js';
import { httpError, MSG, OvmsHttpError } from '../http/OvmsHttpError.js';
import type { ServerContext } from '../http/ServerContext.js';
import {
  bigintValue,
  isIntegerToken,
  isJsonNumber,
  isJsonObject,
  numberValue,
  parseRapidJson,
  rapidJsonErrorDetails,
  type JsonValue,
} from '../json/parseRapidJson.js';
import { createRapidJsonWriter, formatTfsDecimal, type RapidJsonWriter } from '../json/rapidJsonWriter.js';
import { validateInputs } from '../kserve/validateInputs.js';
import type { ParsedInput } from '../kserve/parseInferRequest.js';
import { recordModelRequest } from '../metrics/modelMetrics.js';
import type { ServerTensor, ServerTensorData, TensorSpec } from '../servables/ServableDefinition.js';
import { allocData } from '../servables/tensorData.js';

const TF_DTYPE: Readonly<Record<Datatype, string>> = {
  BOOL: 'DT_BOOL',
  UINT8: 'DT_UINT8',
  UINT16: 'DT_UINT16',
  UINT32: 'DT_UINT32',
  UINT64: 'DT_UINT64',
  INT8: 'DT_INT8',
  INT16: 'DT_INT16',
  INT32: 'DT_INT32',
  INT64: 'DT_INT64',
  FP16: 'DT_HALF',
  BF16: 'DT_BFLOAT16',
  FP32: 'DT_FLOAT',
  FP64: 'DT_DOUBLE',
  BYTES: 'DT_STRING',
};

// Protobuf JSON with 1-space indent and a trailing newline (rest-api.md §2, fixtures F01, F02, F04).
const protoJson = (v: unknown): HttpAnswer => jsonAnswer(200, `${JSON.stringify(v, null, 1)}\n`);

function countTfs(ctx: ServerContext, name: string, method: string, version: number | undefined, ok: boolean): void {
  const entry = ctx.registry.find(name);
  if (entry === undefined || entry.definition.kind !== 'model') return;
  recordModelRequest(ctx.metrics, { api: 'TensorFlowServing', method, name, version, ok });
}

/**
 * `GET /v1/models/{m}[/versions/{v}]`: every version (ascending, retired ones as END) or the one
 * asked for (rest-api.md §2 "Model status").
 */
export function tfsModelStatus(ctx: ServerContext, name: string, versionText: string | undefined): HttpAnswer {
  const entry = ctx.registry.find(name);
  if (entry === undefined) throw httpError(404, MSG.nameMissing);
  const all = [...entry.versions.values()].sort((a, b) => a.version - b.version);
  let list = all;
  if (versionText !== undefined) {
    const big = BigInt(versionText);
    list = all.filter((s) => BigInt(s.version) === big);
    if (list.length === 0) {
      countTfs(ctx, name, 'GetModelStatus', undefined, false);
      throw httpError(404, MSG.versionMissing);
    }
  }
  countTfs(ctx, name, 'GetModelStatus', undefined, true);
  return protoJson({
    model_version_status: list.map((s) => ({
      version: String(s.version),
      state: ctx.registry.stateOf(entry, s),
      status: { error_code: s.errorCode, error_message: s.errorCode },
    })),
  });
}

/** `GET /v1/models/{m}[/versions/{v}]/metadata`: TF-Serving `GetModelMetadataResponse` (fixture F04). */
export function tfsModelMetadata(ctx: ServerContext, name: string, versionText: string | undefined): HttpAnswer {
  const { entry, version } = ctx.registry.resolve(name, versionText, 'tfs');
  const tensors = (specs: readonly TensorSpec[]): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (const s of [...specs].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      o[s.name] = {
        dtype: TF_DTYPE[s.datatype],
        tensorShape: { dim: s.shape.map((d) => ({ size: String(typeof d === 'number' ? d : -1), name: '' })), unknownRank: false },
        name: s.name,
      };
    }
    return o;
  };
  countTfs(ctx, name, 'GetModelMetadata', version, true);
  return protoJson({
    modelSpec: { name, signatureName: '', version: String(version) },
    metadata: {
      signature_def: {
        '@type': 'type.googleapis.com/tensorflow.serving.SignatureDefMap',
        signatureDef: {
          serving_default: {
            inputs: tensors(ctx.registry.inputs(entry, version)),
            outputs: tensors(ctx.registry.outputs(entry, version)),
            methodName: '',
            defaults: {},
          },
        },
      },
    },
  });
}

// A JSON value as a rectangular nested array: its shape and flat leaves, or undefined if ragged.
function shapeAndLeaves(v: JsonValue): { shape: number[]; leaves: JsonValue[] } | undefined {
  const shape: number[] = [];
  let cur: JsonValue = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0] as JsonValue;
  }
  const leaves: JsonValue[] = [];
  const walk = (x: JsonValue, depth: number): boolean => {
    if (depth === shape.length) {
      if (Array.isArray(x)) return false;
      leaves.push(x);
      return true;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) return false;
    return x.every((y) => walk(y, depth + 1));
  };
  return walk(v, 0) ? { shape, leaves } : undefined;
}

// Converts leaves to the model input precision; element type is not sent in TFS (rest-api.md §2).
function convertLeaves(leaves: readonly JsonValue[], datatype: Datatype, message: string): ServerTensorData {
  const out = allocData(datatype, leaves.length);
  const bad = (): never => {
    throw httpError(400, message);
  };
  leaves.forEach((x, i) => {
    if (datatype === 'BYTES') {
      if (typeof x === 'string') (out as Uint8Array[])[i] = new TextEncoder().encode(x);
      else if (isJsonObject(x) && x.size === 1 && typeof x.get('b64') === 'string') {
        const s = x.get('b64') as string;
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) bad();
        (out as Uint8Array[])[i] = new Uint8Array(Buffer.from(s, 'base64'));
      } else bad();
      return;
    }
    if (datatype === 'BOOL') {
      if (typeof x === 'boolean') (out as boolean[])[i] = x;
      else if (isJsonNumber(x) && (numberValue(x) === 0 || numberValue(x) === 1)) (out as boolean[])[i] = numberValue(x) === 1;
      else bad();
      return;
    }
    if (!isJsonNumber(x)) return bad();
    if (datatype === 'FP32' || datatype === 'FP64' || datatype === 'FP16' || datatype === 'BF16') {
      (out as Float32Array)[i] = numberValue(x);
      return;
    }
    // Integers: floats with an integral value are accepted (rest-api.md §2).
    const v = numberValue(x);
    if (!Number.isInteger(v)) bad();
    if (datatype === 'INT64' || datatype === 'UINT64') {
      const b = isIntegerToken(x) ? bigintValue(x) : BigInt(v);
      if (datatype === 'UINT64' && b < 0n) bad();
      (out as BigInt64Array)[i] = datatype === 'INT64' ? BigInt.asIntN(64, b) : BigInt.asUintN(64, b);
      return;
    }
    if (datatype.startsWith('UINT') && v < 0) bad();
    (out as Int32Array)[i] = v;
  });
  return out;
}

function parsedInput(name: string, value: JsonValue, specs: readonly TensorSpec[], message: string): ParsedInput {
  const spec = specs.find((s) => s.name === name);
  const sl = shapeAndLeaves(value);
  if (sl === undefined) throw httpError(400, message);
  const datatype = spec?.datatype ?? 'FP32';
  return { name, datatype, shape: sl.shape, data: convertLeaves(sl.leaves, datatype, message), binary: undefined };
}

// Row format: each instance is one batch row; inputs are stacked (rest-api.md §2).
function rowInputs(instances: JsonValue, specs: readonly TensorSpec[]): ParsedInput[] {
  if (!Array.isArray(instances)) throw httpError(400, MSG.instancesNotArray);
  if (instances.length === 0) throw httpError(400, MSG.noInstances);
  const first = instances[0];
  if (isJsonObject(first) && !(first.size === 1 && first.has('b64'))) {
    const names = [...first.keys()];
    const stacked = new Map<string, JsonValue[]>(names.map((n) => [n, []]));
    for (const inst of instances) {
      if (!isJsonObject(inst)) throw httpError(400, MSG.namedInstanceNotObject);
      if (inst.size !== names.length || !names.every((n) => inst.has(n))) throw httpError(400, MSG.batchSizeDiffer);
      for (const n of names) stacked.get(n)?.push(inst.get(n) as JsonValue);
    }
    return names.map((n) => parsedInput(n, stacked.get(n) ?? [], specs, MSG.couldNotParseInstance));
  }
  if (specs.length !== 1) throw httpError(400, MSG.notNamedOrNonamed);
  return [parsedInput((specs[0] as TensorSpec).name, instances, specs, MSG.couldNotParseInstance)];
}

// Column format: `inputs` keyed by name, or a bare value for a single-input model.
function columnInputs(inputs: JsonValue, specs: readonly TensorSpec[]): ParsedInput[] {
  if (isJsonObject(inputs) && !(inputs.size === 1 && inputs.has('b64'))) {
    if (inputs.size === 0) throw httpError(400, MSG.tfsNoInputs);
    return [...inputs.entries()].map(([n, v]) => parsedInput(n, v, specs, MSG.couldNotParseInput));
  }
  if (specs.length !== 1) throw httpError(400, MSG.inputsNotObject);
  return [parsedInput((specs[0] as TensorSpec).name, inputs, specs, MSG.couldNotParseInput)];
}

function writeScalar(w: RapidJsonWriter, t: ServerTensor, i: number): void {
  const v = t.data[i];
  if (typeof v === 'boolean') w.bool(v);
  else if (v instanceof Uint8Array) w.string(new TextDecoder().decode(v));
  else if (typeof v === 'bigint') w.raw(v.toString());
  else if (t.datatype === 'FP32') w.raw(formatTfsDecimal(v ?? 0, true));
  else if (t.datatype === 'FP64') w.raw(formatTfsDecimal(v ?? 0, false));
  else w.raw(String(v));
}

// Writes the sub-tensor of `shape` starting at flat `offset` as nested arrays.
function writeNested(w: RapidJsonWriter, t: ServerTensor, shape: readonly number[], offset: number): void {
  if (shape.length === 0) {
    writeScalar(w, t, offset);
    return;
  }
  const [n = 0, ...rest] = shape;
  const stride = rest.reduce((a, b) => a * b, 1);
  w.startArray();
  for (let i = 0; i < n; i += 1) writeNested(w, t, rest, offset + i * stride);
  w.endArray();
}

/**
 * The predict response: `predictions` (row) or `outputs` (column), pretty-printed with 4 spaces,
 * row values on one line (fixtures F08, F10, F11, F13, F14).
 */
export function formatPredictResponse(outputs: readonly ServerTensor[], row: boolean): string {
  const sorted = [...outputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const t of sorted) {
    if (t.datatype === 'FP16' || t.datatype === 'BF16') throw httpError(400, MSG.unsupportedPrecision);
  }
  const w = createRapidJsonWriter({ pretty: true, indent: 4 });
  w.startObject();
  if (row) {
    const batch = sorted[0]?.shape[0];
    if (batch === undefined || sorted.some((t) => t.shape[0] !== batch)) throw httpError(500, 'Response parsing to JSON error');
    w.key('predictions');
    w.startArray();
    for (let i = 0; i < batch; i += 1) {
      if (sorted.length === 1) {
        const t = sorted[0] as ServerTensor;
        const rest = t.shape.slice(1);
        // TF Serving's row writer keeps each instance on one line (fixture F10).
        w.setSingleLineArrays(true);
        writeNested(w, t, rest, i * rest.reduce((a, b) => a * b, 1));
        continue;
      }
      w.setSingleLineArrays(false);
      w.startObject();
      for (const t of sorted) {
        const rest = t.shape.slice(1);
        w.key(t.name);
        w.setSingleLineArrays(true);
        writeNested(w, t, rest, i * rest.reduce((a, b) => a * b, 1));
      }
      w.endObject();
    }
    w.setSingleLineArrays(false);
    w.endArray();
  } else {
    w.key('outputs');
    if (sorted.length === 1) writeNested(w, sorted[0] as ServerTensor, (sorted[0] as ServerTensor).shape, 0);
    else {
      w.startObject();
      for (const t of sorted) {
        w.key(t.name);
        writeNested(w, t, t.shape, 0);
      }
      w.endObject();
    }
  }
  w.endObject();
  return w.toString();
}

/** `POST /v1/models/{m}[/versions/{v}]:predict` (rest-api.md §2 "Predict"). */
export function tfsPredict(ctx: ServerContext, name: string, versionText: string | undefined, body: Uint8Array): HttpAnswer {
  const entry0 = ctx.registry.find(name);
  if (entry0 === undefined || entry0.definition.kind !== 'model') throw httpError(404, MSG.nameMissing);
  // The model is looked up before the body is parsed: the parser needs its inputs (fixture F19).
  const { entry, version } = ctx.registry.resolve(name, versionText, 'tfs');
  const def = entry.definition;
  if (def.kind !== 'model') throw httpError(404, MSG.nameMissing);
  const started = performance.now();
  const labels = { name, version: String(version) };
  let ok = false;
  ctx.metrics.add('ovms_current_requests', labels, 1);
  try {
    const parsed = parseRapidJson(body);
    if (!parsed.ok) throw httpError(412, MSG.jsonInvalid, rapidJsonErrorDetails(parsed));
    const doc = parsed.value;
    if (!isJsonObject(doc)) throw httpError(400, MSG.bodyNotObject);
    const hasInstances = doc.has('instances');
    const hasInputs = doc.has('inputs');
    // `signature_name` is accepted and ignored.
    if (hasInstances === hasInputs) throw httpError(400, MSG.unknownOrder);
    const specs = ctx.registry.inputs(entry, version);
    const inputs = hasInstances ? rowInputs(doc.get('instances') as JsonValue, specs) : columnInputs(doc.get('inputs') as JsonValue, specs);
    const tensors = validateInputs(inputs, specs, { batched: def.batched, auto: (i) => ctx.registry.auto(entry, i) });
    const t0 = performance.now();
    const outputs = def.compute(tensors, version);
    ctx.metrics.observe('ovms_inference_time_us', labels, Math.round((performance.now() - t0) * 1000));
    ctx.metrics.observe('ovms_wait_for_infer_req_time_us', labels, 0);
    const text = formatPredictResponse(outputs, hasInstances);
    ok = true;
    return jsonAnswer(200, text);
  } catch (e) {
    if (!(e instanceof OvmsHttpError)) throw httpError(500, MSG.internal, e instanceof Error ? e.message : String(e));
    throw e;
  } finally {
    ctx.metrics.add('ovms_current_requests', labels, -1);
    ctx.metrics.observe('ovms_request_time_us', { interface: 'REST', ...labels }, Math.round((performance.now() - started) * 1000));
    recordModelRequest(ctx.metrics, { api: 'TensorFlowServing', method: 'Predict', name, version, ok });
  }
}
