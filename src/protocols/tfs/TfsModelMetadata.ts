/** One input or output of a TFS signature, flattened from its protobuf JSON. */
export interface TfsTensorInfo {
  /** The key in the signature: the name a predict request uses (`instances[i][key]`, `inputs[key]`). */
  readonly name: string;
  /** The `name` field of the `TensorInfo` (the tensor's graph name; OVMS repeats the key). */
  readonly tensorName: string;
  /** The TensorFlow dtype, e.g. `DT_FLOAT` (see `tfsDtypeToDatatype`). */
  readonly dtype: string;
  /** Dimension sizes as numbers; `-1` marks a dynamic dimension, `[]` a scalar. */
  readonly shape: readonly number[];
  /** True when the server could not tell the rank (OVMS never says so); `shape` is then `[]`. */
  readonly unknownRank: boolean;
}

/** A model's TFS metadata: its `serving_default` signature, with dims as numbers. */
export interface TfsModelMetadata {
  /** `modelSpec.name`. */
  readonly name: string;
  /** `modelSpec.version`: the version that answered, as a string. */
  readonly version: string | undefined;
  /** The signature described (OVMS has only `serving_default`, rest-api.md §2). */
  readonly signatureName: string;
  /** The signature's `methodName` (OVMS writes an empty string). */
  readonly methodName: string;
  readonly inputs: readonly TfsTensorInfo[];
  readonly outputs: readonly TfsTensorInfo[];
}
