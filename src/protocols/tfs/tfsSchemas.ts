import * as v from 'valibot';

/**
 * Response schemas of the TensorFlow-Serving REST API of OVMS <= 2026.2 (rest-api.md §2). OVMS
 * writes protobuf JSON with every field printed, but other TFS servers omit default values, so
 * each default is filled here as protobuf defines it.
 */

// Protobuf JSON writes int64 as a string ("1"); accept a number too.
const Int64Schema = /*#__PURE__*/ v.union([
  v.pipe(v.string(), v.regex(/^-?\d+$/, 'expected an integer')),
  v.pipe(v.number(), v.integer(), v.transform(String)),
]);

/** The lifecycle states of a model version (TF-Serving `ModelVersionStatus.State`; OVMS uses START…END). */
export const TfsModelStateSchema = /*#__PURE__*/ v.picklist(['UNKNOWN', 'START', 'LOADING', 'AVAILABLE', 'UNLOADING', 'END']);
/** A model version's state. */
export type TfsModelState = v.InferOutput<typeof TfsModelStateSchema>;

/**
 * One entry of `model_version_status` (fixtures F01, F02): `version` is a string; OVMS's
 * `error_code` is `OK`, `UNKNOWN` or `FAILED_PRECONDITION` and `error_message` repeats it.
 */
export const TfsModelVersionStatusSchema = /*#__PURE__*/ v.object({
  version: Int64Schema,
  state: v.optional(TfsModelStateSchema, 'UNKNOWN'),
  status: v.optional(
    v.object({
      error_code: v.optional(v.string(), 'OK'),
      error_message: v.optional(v.string(), ''),
    }),
    { error_code: 'OK', error_message: '' },
  ),
});
/** The state of one model version, as `GET /v1/models/{m}` reports it. */
export type TfsModelVersionStatus = v.InferOutput<typeof TfsModelVersionStatusSchema>;

/** The body of `GET /v1/models/{m}[/versions/{v}]`. */
export const TfsModelStatusResponseSchema = /*#__PURE__*/ v.object({
  model_version_status: v.array(TfsModelVersionStatusSchema),
});

const TfsDimSchema = /*#__PURE__*/ v.object({
  size: v.optional(Int64Schema, '0'),
  name: v.optional(v.string(), ''),
});

/** A `TensorInfo` of a signature (fixture F04): dtype name, shape with string sizes, tensor name. */
export const TfsTensorInfoSchema = /*#__PURE__*/ v.object({
  name: v.optional(v.string(), ''),
  dtype: v.optional(v.string(), 'DT_INVALID'),
  // An absent shape means "unknown" in protobuf; OVMS always writes one.
  tensorShape: v.optional(
    v.object({
      dim: v.optional(v.array(TfsDimSchema), []),
      unknownRank: v.optional(v.boolean(), false),
    }),
    { dim: [], unknownRank: true },
  ),
});

const TfsSignatureDefSchema = /*#__PURE__*/ v.object({
  inputs: v.optional(v.record(v.string(), TfsTensorInfoSchema), {}),
  outputs: v.optional(v.record(v.string(), TfsTensorInfoSchema), {}),
  methodName: v.optional(v.string(), ''),
});

/** The body of `GET /v1/models/{m}[/versions/{v}]/metadata`: a TF-Serving `GetModelMetadataResponse`. */
export const TfsModelMetadataResponseSchema = /*#__PURE__*/ v.object({
  modelSpec: v.object({
    name: v.string(),
    signatureName: v.optional(v.string(), ''),
    version: v.optional(Int64Schema),
  }),
  metadata: v.object({
    signature_def: v.object({
      signatureDef: v.record(v.string(), TfsSignatureDefSchema),
    }),
  }),
});
/** The metadata body as parsed, before {@link TfsModelMetadataResponseSchema} is flattened. */
export type TfsModelMetadataResponse = v.InferOutput<typeof TfsModelMetadataResponseSchema>;

/** A present JSON value (any type; only a missing key fails). */
const PresentSchema = /*#__PURE__*/ v.custom<unknown>((x) => x !== undefined, 'expected a value');

/** The body of a row-format predict: `predictions` is a list, one element per instance (fixtures F08, F10). */
export const TfsRowResponseSchema = /*#__PURE__*/ v.object({ predictions: v.array(PresentSchema) });

/** The body of a column-format predict: `outputs` is a bare value or an object by output name (fixtures F11, F13, F14). */
export const TfsColumnResponseSchema = /*#__PURE__*/ v.object({ outputs: PresentSchema });
