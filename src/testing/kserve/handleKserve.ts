/**
 * KServe v2 endpoints: health, server metadata, model ready, model metadata, infer
 * (rest-api.md §4).
 */
import { emptyAnswer, jsonAnswer, type HttpAnswer } from '../http/HttpAnswer.js';
import { httpError, MSG, OvmsHttpError } from '../http/OvmsHttpError.js';
import type { ServerContext } from '../http/ServerContext.js';
import { recordModelRequest } from '../metrics/modelMetrics.js';
import type { RegistryEntry } from '../registry/createRegistry.js';
import { binaryOutputSelector, formatInferResponse } from './formatInferResponse.js';
import { parseInferRequest } from './parseInferRequest.js';
import { validateInputs } from './validateInputs.js';

/** `GET /v2`: compact `{"name":"OpenVINO Model Server","version":...}`, no `extensions` (rest-api.md §4.1, fixture F34). */
export function serverMetadata(ctx: ServerContext): HttpAnswer {
  return jsonAnswer(200, JSON.stringify({ name: 'OpenVINO Model Server', version: ctx.serverVersion }));
}

// Counts a ModelReady/ModelMetadata outcome when the name is known (OVMS reports per servable).
function countModelCall(ctx: ServerContext, entry: RegistryEntry | undefined, method: string, version: number | undefined, ok: boolean): void {
  if (entry === undefined || entry.definition.kind !== 'model') return;
  recordModelRequest(ctx.metrics, { api: 'KServe', method, name: entry.name, version, ok });
}

/** `GET /v2/models/{m}[/versions/{v}]/ready`: 200 empty, else 404 (rest-api.md §4.1, fixtures F37, F40). */
export function modelReady(ctx: ServerContext, name: string, versionText: string | undefined): HttpAnswer {
  const entry = ctx.registry.find(name);
  try {
    ctx.registry.resolve(name, versionText, 'ready');
  } catch (e) {
    countModelCall(ctx, entry, 'ModelReady', undefined, false);
    throw e;
  }
  countModelCall(ctx, entry, 'ModelReady', undefined, true);
  return emptyAnswer();
}

/** `GET /v2/models/{m}[/versions/{v}]`: compact metadata JSON (rest-api.md §4.2, fixture F35). */
export function modelMetadata(ctx: ServerContext, name: string, versionText: string | undefined): HttpAnswer {
  const entry = ctx.registry.find(name);
  let resolved;
  try {
    resolved = ctx.registry.resolve(name, versionText, 'metadata');
  } catch (e) {
    countModelCall(ctx, entry, 'ModelMetadata', undefined, false);
    throw e;
  }
  const { entry: e, version } = resolved;
  const def = e.definition;
  if (def.kind === 'graph') {
    // MediaPipe graphs: version "1", tensors INVALID with shape [] (rest-api.md §4.2).
    return jsonAnswer(
      200,
      JSON.stringify({
        name,
        versions: ['1'],
        platform: 'OpenVINO',
        inputs: [{ name: 'input', datatype: 'INVALID', shape: [] }],
        outputs: [{ name: 'output', datatype: 'INVALID', shape: [] }],
      }),
    );
  }
  const tensor = (s: { name: string; datatype: string; shape: readonly (number | readonly [number, number])[] }): object => ({
    name: s.name,
    datatype: s.datatype,
    shape: s.shape.map((d) => (typeof d === 'number' ? d : -1)),
  });
  const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const body: Record<string, unknown> = {
    name,
    versions: [String(version)],
    platform: 'OpenVINO',
    inputs: [...ctx.registry.inputs(e, version)].sort(byName).map(tensor),
    outputs: [...ctx.registry.outputs(e, version)].sort(byName).map(tensor),
  };
  if (def.rtInfo !== undefined) body.rt_info = def.rtInfo;
  countModelCall(ctx, e, 'ModelMetadata', version, true);
  return jsonAnswer(200, JSON.stringify(body));
}

/**
 * `POST /v2/models/{m}[/versions/{v}]/infer` (rest-api.md §4.3–§4.6). `headerLength` is the
 * validated `Inference-Header-Content-Length`, if sent.
 */
export function infer(ctx: ServerContext, name: string, versionText: string | undefined, headerLength: number | undefined, body: Uint8Array): HttpAnswer {
  const started = performance.now();
  const request = parseInferRequest(body, headerLength);
  const { entry, version } = ctx.registry.resolve(name, versionText, 'infer');
  const def = entry.definition;
  if (def.kind === 'graph') {
    throw httpError(400, MSG.mediapipeExecution, 'INVALID_ARGUMENT: this graph serves only the OpenAI-style endpoints (/v3/...)');
  }
  const m = ctx.metrics;
  const labels = { name, version: String(version) };
  m.add('ovms_current_requests', labels, 1);
  m.add('ovms_infer_req_active', labels, 1);
  let ok = false;
  try {
    const tensors = validateInputs(request.inputs, ctx.registry.inputs(entry, version), {
      batched: def.batched,
      auto: (input) => ctx.registry.auto(entry, input),
    });
    const queued = performance.now();
    const outputs = def.compute(tensors, version);
    const inferenceUs = Math.round((performance.now() - queued) * 1000);
    const binary = binaryOutputSelector(request.outputs, request.parameters);
    const formatted = formatInferResponse({ modelName: name, modelVersion: String(version), id: request.id, outputs, binary });
    const anyBinary = outputs.some((o) => binary(o.name));
    const json = Buffer.from(formatted.json, 'utf8');
    m.observe('ovms_inference_time_us', labels, inferenceUs);
    m.observe('ovms_wait_for_infer_req_time_us', labels, 0);
    ok = true;
    const headers: Record<string, string> = {};
    // Lower-case header name, as OVMS sends it (rest-api.md §4.5).
    if (anyBinary) headers['inference-header-content-length'] = String(json.length);
    return {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: Buffer.concat([json, formatted.tail]),
      headers,
      binaryTail: formatted.tail.length,
    };
  } catch (e) {
    if (!(e instanceof OvmsHttpError)) throw httpError(500, MSG.internal, e instanceof Error ? e.message : String(e));
    throw e;
  } finally {
    m.add('ovms_current_requests', labels, -1);
    m.add('ovms_infer_req_active', labels, -1);
    m.observe('ovms_request_time_us', { interface: 'REST', ...labels }, Math.round((performance.now() - started) * 1000));
    recordModelRequest(m, { api: 'KServe', method: 'ModelInfer', name, version, ok });
  }
}
