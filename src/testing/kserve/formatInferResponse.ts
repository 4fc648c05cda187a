/**
 * The KServe infer response body, laid out like OVMS's `src/rest_utils.cpp` (rest-api.md §4.4,
 * §4.5; fixtures F43, F46, F47).
 */
import { encodeBinary } from '../../tensors/index.js';
import { httpError, MSG } from '../http/OvmsHttpError.js';
import { createRapidJsonWriter, formatRapidDouble, type RapidJsonWriter } from '../json/rapidJsonWriter.js';
import type { ServerTensor } from '../servables/ServableDefinition.js';

/** A formatted response: the JSON header and the binary buffers appended after it. */
export interface FormattedInferResponse {
  readonly json: string;
  readonly tail: Uint8Array;
}

/** What {@link formatInferResponse} needs. */
export interface InferResponseInput {
  readonly modelName: string;
  readonly modelVersion: string;
  /** Echoed only when the request sent one (rest-api.md §4.4). */
  readonly id: string | undefined;
  readonly outputs: readonly ServerTensor[];
  /** Whether an output is sent as binary data (rest-api.md §4.5). */
  readonly binary: (name: string) => boolean;
}

function writeValues(w: RapidJsonWriter, t: ServerTensor): void {
  const d = t.data;
  const decoder = new TextDecoder();
  for (let i = 0; i < d.length; i += 1) {
    const v = d[i];
    if (typeof v === 'boolean') w.bool(v);
    else if (v instanceof Uint8Array) w.string(decoder.decode(v));
    else if (typeof v === 'bigint') w.raw(v.toString());
    else if (t.datatype === 'FP32' || t.datatype === 'FP64') w.raw(formatRapidDouble(v ?? 0));
    else w.raw(String(v));
  }
}

/**
 * Formats the response. Outputs are written sorted by name, as OVMS does for single models.
 *
 * @throws {OvmsHttpError} 400 when an FP16/BF16 output would have to be written as JSON
 */
export function formatInferResponse(r: InferResponseInput): FormattedInferResponse {
  const outputs = [...r.outputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const w = createRapidJsonWriter({ pretty: true, indent: 4, singleLineArrays: true });
  const tails: Uint8Array[] = [];
  w.startObject();
  w.key('model_name');
  w.string(r.modelName);
  if (r.id !== undefined) {
    w.key('id');
    w.string(r.id);
  }
  w.key('model_version');
  w.string(r.modelVersion);
  w.key('outputs');
  w.startArray();
  for (const t of outputs) {
    const binary = r.binary(t.name);
    if (!binary && (t.datatype === 'FP16' || t.datatype === 'BF16')) {
      // No space before the datatype: OVMS's text as it is (rest-api.md §4.4).
      throw httpError(400, MSG.unsupportedPrecision, `Unsupported precision${t.datatype}`);
    }
    w.startObject();
    w.key('name');
    w.string(t.name);
    w.key('shape');
    w.startArray();
    for (const d of t.shape) w.raw(String(d));
    w.endArray();
    w.key('datatype');
    w.string(t.datatype);
    if (binary) {
      const bytes = encodeBinary(t.datatype, t.data as Parameters<typeof encodeBinary>[1], t.name);
      tails.push(bytes);
      w.key('parameters');
      w.startObject();
      w.key('binary_data_size');
      w.raw(String(bytes.length));
      w.endObject();
    } else {
      w.key('data');
      w.startArray();
      writeValues(w, t);
      w.endArray();
    }
    w.endObject();
  }
  w.endArray();
  w.endObject();
  const total = tails.reduce((n, b) => n + b.length, 0);
  const tail = new Uint8Array(total);
  let o = 0;
  for (const b of tails) {
    tail.set(b, o);
    o += b.length;
  }
  return { json: w.toString(), tail };
}

/**
 * Which outputs are binary: only the outputs listed in the request's `outputs` (after the
 * overwrite quirk, the last one) can be; its own `binary_data` bool wins, else the request-level
 * `binary_data_output` bool; non-bool values are ignored (rest-api.md §4.5).
 */
export function binaryOutputSelector(
  requested: readonly { readonly name: string; readonly parameters: ReadonlyMap<string, unknown> }[],
  requestParameters: ReadonlyMap<string, unknown>,
): (name: string) => boolean {
  const def = requestParameters.get('binary_data_output');
  return (name) => {
    const o = requested.find((x) => x.name === name);
    if (o === undefined) return false;
    const own = o.parameters.get('binary_data');
    if (typeof own === 'boolean') return own;
    return typeof def === 'boolean' ? def : false;
  };
}
