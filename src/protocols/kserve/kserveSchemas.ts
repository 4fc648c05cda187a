import * as v from 'valibot';

/** Server metadata, `GET /v2` (rest-api.md §4.1: OVMS sends no `extensions`). */
export const ServerMetadataSchema = /*#__PURE__*/ v.object({
  name: v.string(),
  version: v.string(),
  extensions: v.optional(v.array(v.string()), []),
});
/** Server metadata: name, version, extensions. */
export type ServerMetadata = v.InferOutput<typeof ServerMetadataSchema>;

/** An input or output of a model's metadata. `-1` marks a dynamic dimension. */
export const TensorMetadataSchema = /*#__PURE__*/ v.object({
  name: v.string(),
  datatype: v.string(),
  shape: v.array(v.pipe(v.number(), v.integer())),
});
/** An input or output of a model's metadata. */
export type TensorMetadata = v.InferOutput<typeof TensorMetadataSchema>;

/** Model metadata, `GET /v2/models/{m}[/versions/{v}]` (rest-api.md §4.2). */
export const ModelMetadataSchema = /*#__PURE__*/ v.object({
  name: v.string(),
  versions: v.optional(v.array(v.string()), []),
  platform: v.string(),
  inputs: v.array(TensorMetadataSchema),
  outputs: v.array(TensorMetadataSchema),
  rt_info: v.optional(v.unknown()),
});
/** Model metadata: name, versions (only the one answering), platform, inputs, outputs, optional `rt_info`. */
export type ModelMetadata = v.InferOutput<typeof ModelMetadataSchema>;

const ParametersSchema = /*#__PURE__*/ v.record(v.string(), v.unknown());

/** One output of an infer response; `data` is absent for a binary output (rest-api.md §4.4, §4.5). */
export const InferOutputSchema = /*#__PURE__*/ v.object({
  name: v.string(),
  datatype: v.string(),
  shape: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
  parameters: v.optional(ParametersSchema),
  data: v.optional(v.array(v.unknown())),
});

/** The JSON part of an infer response (rest-api.md §4.4). */
export const InferResponseSchema = /*#__PURE__*/ v.object({
  model_name: v.string(),
  model_version: v.optional(v.string()),
  id: v.optional(v.string()),
  parameters: v.optional(ParametersSchema),
  outputs: v.array(InferOutputSchema),
});
/** The JSON part of an infer response. */
export type InferResponseJson = v.InferOutput<typeof InferResponseSchema>;
