import type { BinaryMode } from '../../config/ClientConfig.js';
import type { CallOptions, Precision } from '../../core/types.js';
import type { ModelTarget } from '../../ops/ModelTarget.js';
import type { Datatype } from '../../tensors/datatypes.js';
import type { TensorInputData } from '../../tensors/types.js';
import type { KserveParameters } from './KserveInferPayload.js';

/** One input tensor, when shape or datatype must be given explicitly. */
export interface InferInputTensor {
  readonly name: string;
  readonly data: TensorInputData;
  /** Default: from the data's nesting and the model's metadata (see the README's "Shapes"). */
  readonly shape?: readonly number[];
  /** Default: the model's metadata, else inferred from the data. Fixes the datatype: precision never changes it. */
  readonly datatype?: Datatype;
}

/** Inputs by name (`{ b: new Float32Array(10) }`), or as a list of tensors. */
export type InferInputs = Readonly<Record<string, TensorInputData>> | readonly InferInputTensor[];

/** What `infer` sends. */
export interface InferRequest extends ModelTarget {
  readonly inputs: InferInputs;
  /** Request-level KServe parameters (string, boolean or int32 values). */
  readonly parameters?: KserveParameters;
}

/** Options of `infer` and `batchInfer`. */
export interface InferOptions extends CallOptions {
  /** Datatype for floating-point inputs not fixed by metadata or by `datatype`. Default: the config's. */
  readonly precision?: Precision;
  /** Inputs as binary data (`always`), JSON (`never`) or by size and type (`auto`, default: the config's). */
  readonly binary?: BinaryMode;
  /**
   * Receive an output as binary data: `true` (default) picks the largest output (OVMS returns at
   * most one binary output per request, rest-api.md §4.3), a name picks that one, `false` none.
   */
  readonly binaryOutput?: boolean | string;
  /** Check inputs against the model's metadata before sending. Default: the config's (true). */
  readonly validate?: boolean;
  /** BYTES outputs as strings (default) or raw `Uint8Array`s. */
  readonly bytes?: 'string' | 'binary';
}
