/**
 * Types of the built-in servables: the models and graphs the test server computes in JS.
 */
import type { Datatype } from '../../tensors/index.js';

/**
 * One dimension of a tensor spec: a size, `-1` for dynamic, or an inclusive range `[min, max]`
 * (OVMS config shape `a:b`, printed `[a~b]` in validation messages, rest-api.md §4.6).
 */
export type Dim = number | readonly [number, number];

/** A model input or output as metadata lists it. */
export interface TensorSpec {
  readonly name: string;
  readonly datatype: Datatype;
  readonly shape: readonly Dim[];
}

/**
 * Tensor data inside the server: the typed array of the datatype (FP16 and BF16 widened to
 * `Float32Array`), `boolean[]` for BOOL, one `Uint8Array` per element for BYTES.
 */
export type ServerTensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | boolean[]
  | Uint8Array[];

/** A tensor inside the server. */
export interface ServerTensor {
  readonly name: string;
  readonly datatype: Datatype;
  readonly shape: readonly number[];
  readonly data: ServerTensorData;
}

/** A built-in classic model (KServe/TFS inference). */
export interface ModelServableDefinition {
  readonly kind: 'model';
  /** The selector used in config.json `base_path` (`builtin:<id>`). */
  readonly id: string;
  /** One line for the README table. */
  readonly summary: string;
  /** Version numbers the "model repository" holds; `model_version_policy` selects among them. */
  readonly versions: readonly number[];
  /** Whether dimension 0 is the batch dimension (config `batch_size` and the batch check apply). */
  readonly batched: boolean;
  readonly inputs: (version: number) => readonly TensorSpec[];
  /** Output specs for the effective (possibly reshaped by config) input specs. */
  readonly outputs: (version: number, inputs: readonly TensorSpec[]) => readonly TensorSpec[];
  /** Optional `rt_info` of KServe metadata (rest-api.md §4.2). */
  readonly rtInfo?: unknown;
  /**
   * Computes every output. Inputs are already validated against the effective specs; may
   * throw an `OvmsHttpError` for cross-input inconsistencies.
   */
  readonly compute: (inputs: ReadonlyMap<string, ServerTensor>, version: number) => readonly ServerTensor[];
}

/** A built-in MediaPipe graph served by the OpenAI-style handler (rest-api.md §5). */
export interface GraphServableDefinition {
  readonly kind: 'graph';
  readonly id: string;
  readonly summary: string;
  readonly graphKind: 'llm' | 'embeddings' | 'rerank';
}

/** Any built-in servable. */
export type ServableDefinition = ModelServableDefinition | GraphServableDefinition;
