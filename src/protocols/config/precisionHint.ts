import { invalidInput, OvmsError } from '../../errors/OvmsError.js';

/**
 * The OpenVINO `INFERENCE_PRECISION_HINT` value for a precision name: `FP32`/`f32` → `f32`,
 * `FP16`/`f16` → `f16`, `BF16`/`bf16` → `bf16` (the element-type names OpenVINO reads). The hint
 * sets the precision the device computes in; it does not change the model file.
 *
 * @param precision - A precision name, case-insensitive.
 * @returns `f32`, `f16` or `bf16`.
 * @throws {OvmsError} `Unsupported` for `INT8`/`INT4` (integer weights need offline quantization,
 *   see `quantizationPatch`); `InvalidInput` for anything else.
 */
export function precisionHint(precision: unknown): 'f32' | 'f16' | 'bf16' {
  const p = typeof precision === 'string' ? precision.trim().toLowerCase() : '';
  if (p === 'fp32' || p === 'f32') return 'f32';
  if (p === 'fp16' || p === 'f16') return 'f16';
  if (p === 'bf16') return 'bf16';
  if (p === 'int8' || p === 'i8' || p === 'int4' || p === 'i4' || p === 'u8') {
    throw new OvmsError(
      { _tag: 'Unsupported' },
      `precision ${String(precision)}: OpenVINO computes in f32, f16 or bf16 only; integer weights come from a model quantized offline (NNCF, optimum-cli) — see quantizationPatch with base_path`,
    );
  }
  throw invalidInput('precision', `expected FP32, FP16 or BF16, got ${JSON.stringify(precision)}`);
}
