import type { Middleware, Precision } from '../core/types.js';
import { isKserveInferPayload, type PreparedInput } from '../protocols/kserve/KserveInferPayload.js';
import type { Datatype } from '../tensors/datatypes.js';

const FLOAT_TYPES: ReadonlySet<Datatype> = /*#__PURE__*/ new Set<Datatype>(['FP16', 'BF16', 'FP32', 'FP64']);

/**
 * Applies the precision rule to inference inputs: a floating-point input whose datatype neither the
 * model's metadata nor the caller fixed travels in the call's precision (else the config's).
 * A fixed datatype always wins, so a precision option never produces a request the server must
 * reject. `INT8` never converts floats: in OpenVINO an INT8-quantized model still takes FP32
 * inputs, so INT8 is a property of the model, not of the wire format.
 */
export function withPrecision(defaultPrecision: Precision): Middleware {
  return (next) => (request) => {
    const payload = request.payload;
    const precision = request.precision ?? defaultPrecision;
    if (!isKserveInferPayload(payload) || precision === 'INT8') return next(request);
    let changed = false;
    const inputs = payload.inputs.map((input): PreparedInput => {
      if (input.datatypeFixed || !FLOAT_TYPES.has(input.datatype) || input.datatype === precision) return input;
      changed = true;
      return { ...input, datatype: precision };
    });
    return next(changed ? { ...request, payload: { ...payload, inputs } } : request);
  };
}
