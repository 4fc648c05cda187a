import type { BinaryMode } from '../../config/ClientConfig.js';
import type { Datatype } from '../../tensors/datatypes.js';
import type { TypedArray } from '../../tensors/types.js';

/** Request-level KServe parameters: OVMS accepts string, bool or int32 values (rest-api.md §4.3). */
export type KserveParameters = Readonly<Record<string, string | number | boolean>>;

/** One input after shape and datatype resolution, still holding the caller's flat values. */
export interface PreparedInput {
  readonly name: string;
  readonly datatype: Datatype;
  /** True when the model's metadata or the caller fixed the datatype; precision never overrides it. */
  readonly datatypeFixed: boolean;
  readonly shape: readonly number[];
  /** Flat, row-major values: a typed array, or plain numbers / bigints / booleans / strings / byte arrays. */
  readonly values: TypedArray | readonly unknown[];
}

/** The logical payload of a KServe infer request, as middleware sees it. */
export interface KserveInferPayload {
  readonly kind: 'kserve.infer';
  readonly inputs: readonly PreparedInput[];
  readonly binary: BinaryMode;
  /**
   * The output to receive as binary data. OVMS keeps only the last element of `outputs`
   * (rest-api.md §4.3), so at most one output per request can be binary.
   */
  readonly binaryOutput?: string;
  readonly parameters?: KserveParameters;
}

/** Narrows a request payload to a KServe infer payload. */
export function isKserveInferPayload(payload: unknown): payload is KserveInferPayload {
  return typeof payload === 'object' && payload !== null && (payload as { kind?: unknown }).kind === 'kserve.infer';
}
