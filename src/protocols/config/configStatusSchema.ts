import * as v from 'valibot';

/**
 * The states OVMS reports for a servable version (rest-api.md §3, OVMS `ModelVersionState`).
 * Typed as an open string so that a state added by a newer server still decodes.
 */
export type ModelVersionState = 'START' | 'LOADING' | 'AVAILABLE' | 'UNLOADING' | 'END' | (string & {});

/** One entry of `model_version_status` (fixtures F22–F28). */
export const ModelVersionStatusSchema = /*#__PURE__*/ v.object({
  /** Decimal string: OVMS prints the protobuf int64 as a JSON string. */
  version: v.string(),
  state: v.string(),
  status: v.object({
    error_code: v.string(),
    error_message: v.string(),
  }),
});
/** The state of one version and its load status; `state` is a {@link ModelVersionState}. */
export type ModelVersionStatus = v.InferOutput<typeof ModelVersionStatusSchema> & { readonly state: ModelVersionState };

/** The value of one servable in the status map. */
export const ServableStatusSchema = /*#__PURE__*/ v.object({
  model_version_status: v.array(ModelVersionStatusSchema),
});
/** The versions of one servable (an empty list for a model without version folders, fixture F25). */
export interface ServableStatus {
  readonly model_version_status: readonly ModelVersionStatus[];
}

/**
 * The body of `GET /v1/config` and `POST /v1/config/reload`: an object keyed by servable name
 * (models, DAGs, MediaPipe graphs; retired ones stay listed with `END`), `{}` when nothing is
 * served (rest-api.md §3).
 */
export const ConfigStatusSchema = /*#__PURE__*/ v.record(v.string(), ServableStatusSchema);
/** Servable name → its versions' states. */
export type ConfigStatus = Readonly<Record<string, ServableStatus>>;
