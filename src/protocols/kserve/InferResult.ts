import type { KserveParameters } from './KserveInferPayload.js';
import type { Tensor } from '../../tensors/types.js';

/** The decoded answer of an inference. */
export interface InferResult {
  readonly modelName: string;
  /** The version that answered (OVMS always reports it). */
  readonly modelVersion: string | undefined;
  /** The request id OVMS echoed back. */
  readonly id: string | undefined;
  readonly parameters: KserveParameters | undefined;
  /** Every output of the model (OVMS always returns all of them), data decoded to typed arrays. */
  readonly outputs: readonly Tensor[];
}
